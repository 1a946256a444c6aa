package dev.lethe.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running a child process as an unprivileged user, for programs that refuse to run as root. */
final class RunAs {

    static final String USER = "lethe";

    private RunAs() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Creates the system user when it does not exist yet. */
    static void ensureUser() throws IOException, InterruptedException {
        if (run(List.of("id", "-u", USER)) == 0) {
            return;
        }
        int created = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
        if (created != 0 && run(List.of("id", "-u", USER)) != 0) {
            throw new LocalServiceException("Elasticsearch refuses to run as root, and creating the user '" + USER
                    + "' to run it failed (useradd exit code " + created + "). Create that user, or run Lethe "
                    + "as a user other than root.");
        }
    }

    static void chown(Path path) throws IOException, InterruptedException {
        if (run(List.of("chown", "-R", USER + ":", path.toString())) != 0) {
            throw new LocalServiceException("Could not hand " + path + " to the user '" + USER + "' (chown failed).");
        }
    }

    /** Whether the unprivileged user can reach the path: every ancestor must be searchable by others. */
    static boolean reachableByOthers(Path path) throws IOException {
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
