package keeper.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The features a server start installs beyond those it was asked for, so that a plain server boots lean
 * (docs/boot.md): {@code auth} (BouncyCastle and PEM keys) only when requests must be signed, and
 * {@code deploy} (FileInstall, which polls) only when hot deployment is wanted: the deploy directory
 * holds a jar, or was named on the command line.
 */
final class BootFeatures {

    static final String AUTH = "auth";
    static final String DEPLOY = "deploy";

    private BootFeatures() {
    }

    static List<String> of(List<String> asked, boolean encrypt, LaunchOptions options) throws IOException {
        List<String> features = new ArrayList<>(asked);
        if (encrypt && !features.contains(AUTH)) {
            features.add(AUTH);
        }
        if (!features.contains(DEPLOY) && (options.deployAsked() || holdsJar(options.deploy()))) {
            features.add(DEPLOY);
        }
        return features;
    }

    private static boolean holdsJar(Path deploy) throws IOException {
        if (!Files.isDirectory(deploy)) {
            return false;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deploy, "*.jar")) {
            return jars.iterator().hasNext();
        }
    }
}
