package keeper.client;

import java.util.Locale;

/**
 * What the client adds when a server answers {@code authentication failed}. The server rightly says
 * nothing more, so an attacker learns nothing; but the person at the client knows which key they
 * signed with, and the usual mistake (signing with a key whose public half is not in the server's
 * pub_keys_path under the same name) can be named from that alone.
 */
final class AuthFailureHint {

    static final String AUTHENTICATION_FAILED = "authentication failed";

    private AuthFailureHint() {
    }

    /** {@code reply} with a hint line added when it is the server's authentication failure. */
    static HostReply add(HostReply reply, ClientRequest request) {
        if (reply.ok() || !reply.text().strip().equals(AUTHENTICATION_FAILED)) {
            return reply;
        }
        return new HostReply(reply.endpoint(), false, reply.text().stripTrailing() + "\n" + hint(request), true);
    }

    private static String hint(ClientRequest request) {
        if (!request.isSigned()) {
            return "hint: this server takes only signed requests (encrypt: on): add with /path/to/KEY.pem;"
                    + " see docs/security.md";
        }
        String file = request.key().getFileName().toString();
        String name = file.substring(0, file.toLowerCase(Locale.ROOT).lastIndexOf(".pem"));
        return "hint: you signed as key '" + name + "', so the server looks for a public key file named " + name
                + ".pem in its pub_keys_path; see docs/security.md";
    }
}
