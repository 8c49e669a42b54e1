rootProject.name = "fanout-gradle-sample"
