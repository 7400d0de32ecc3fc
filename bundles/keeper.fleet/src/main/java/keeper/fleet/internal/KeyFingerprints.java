package keeper.fleet.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fingerprints of the public keys a server trusts ({@code pub_keys_path}), as a registration shows them
 * ({@code ops SHA256:...}, the SHA-256 of the key's DER bytes in unpadded base64, like OpenSSH's): an
 * operator can see which servers take which keys without logging in. A file that is not a PEM is left out;
 * keeper.auth.pem reports it.
 */
final class KeyFingerprints {

    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private KeyFingerprints() {
    }

    static List<String> of(List<Path> directories) {
        List<String> fingerprints = new ArrayList<>();
        for (Path directory : directories) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> pems = Files.newDirectoryStream(directory, "*.pem")) {
                pems.forEach(files::add);
            } catch (IOException e) {
                continue;
            }
            files.sort(null);
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pem$", "");
                if (KEY_NAME.matcher(name).matches()) {
                    fingerprint(file).ifPresent(print -> fingerprints.add(name + " SHA256:" + print));
                }
            }
        }
        return fingerprints;
    }

    static Optional<String> fingerprint(Path pem) {
        try {
            StringBuilder body = new StringBuilder();
            boolean inside = false;
            for (String line : Files.readAllLines(pem, StandardCharsets.US_ASCII)) {
                if (line.startsWith("-----BEGIN ")) {
                    inside = true;
                } else if (line.startsWith("-----END ")) {
                    break;
                } else if (inside && !line.contains(":")) {
                    body.append(line.strip());
                }
            }
            byte[] der = Base64.getDecoder().decode(body.toString());
            if (der.length == 0) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return Optional.of(Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (IOException | IllegalArgumentException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
