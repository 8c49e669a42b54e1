// A Gradle build that uses fanout (Gradle 4.7+ for isolating processors; written for Gradle 8).
// Until fanout is published, install it first: `mvn -B -DskipTests install` in the repository
// root, then `gradle run` here (mavenLocal() finds the snapshot).
plugins {
    application
}

repositories {
    mavenLocal()
    mavenCentral()
}

val fanoutVersion = "0.1.0-SNAPSHOT"

dependencies {
    implementation("dev.fanout:fanout-annotations:$fanoutVersion")
    annotationProcessor("dev.fanout:fanout-processor:$fanoutVersion")
}

java {
    toolchain {
        languageVersion.set(JavaLanguageVersion.of(17))
    }
}

tasks.withType<JavaCompile>().configureEach {
    options.compilerArgs.addAll(listOf("-Xlint:all,-processing", "-Werror"))
}

application {
    mainClass.set("dev.fanout.examples.gradle.Main")
}
