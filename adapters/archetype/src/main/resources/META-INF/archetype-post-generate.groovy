// The Maven Wrapper must stay executable: ./mvnw is the generated application's one command.
def mvnw = new File(request.outputDirectory, request.artifactId + "/mvnw")
mvnw.setExecutable(true, false)
