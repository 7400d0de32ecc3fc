package keeper.api.spi.auth;

/**
 * What one {@link Authenticator} made of a request.
 *
 * @param verdict   accepted, rejected or not this authenticator's scheme
 * @param principal who the request speaks for when accepted (e.g. the key name), else {@code null}
 * @param reason    why, for the server log only: never sent to the client
 */
public record AuthResult(Verdict verdict, String principal, String reason) {

    public enum Verdict { ACCEPTED, REJECTED, ABSTAINED }

    public static AuthResult accepted(String principal) {
        return new AuthResult(Verdict.ACCEPTED, principal, "accepted");
    }

    public static AuthResult rejected(String reason) {
        return new AuthResult(Verdict.REJECTED, null, reason);
    }

    public static AuthResult abstained() {
        return new AuthResult(Verdict.ABSTAINED, null, "not this scheme");
    }
}
