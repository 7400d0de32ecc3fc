package keeper.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes a plugin jar as a transport bundle would ship: a class and its META-INF/services entry. */
final class PluginJar {

    private PluginJar() {
    }

    static Path write(Path jar, Class<?> service, String providerClassName, Class<?> bundled) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
            out.write((providerClassName + "\n").getBytes(StandardCharsets.UTF_8));
            String classFile = bundled.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(classFile));
            try (InputStream bytes = bundled.getClassLoader().getResourceAsStream(classFile)) {
                bytes.transferTo(out);
            }
        }
        return jar;
    }
}
