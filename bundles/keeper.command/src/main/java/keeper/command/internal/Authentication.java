package keeper.command.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import keeper.api.spi.auth.AuthResult.Verdict;
import keeper.api.spi.auth.AuthResult;
import keeper.api.spi.auth.Authenticator;
import keeper.api.spi.auth.Envelope;

/**
 * The Authenticator whiteboard and its rule: a signed request passes when at least one authenticator
 * accepts it and none rejects it. The reasons are for the server log only.
 */
final class Authentication {

    private record Scheme(String name, Authenticator authenticator) {
    }

    private final List<Scheme> schemes = new CopyOnWriteArrayList<>();

    void add(Authenticator authenticator, Map<String, ?> properties) {
        schemes.add(new Scheme(schemeName(properties), authenticator));
    }

    void remove(Authenticator authenticator) {
        schemes.removeIf(scheme -> scheme.authenticator() == authenticator);
    }

    /** Why {@code envelope} must be refused, or empty when it passes. */
    Optional<String> refusal(Envelope envelope) {
        if (!envelope.isSigned()) {
            return Optional.of("the request is not signed");
        }
        List<Scheme> current = List.copyOf(schemes);
        if (current.isEmpty()) {
            return Optional.of("no authenticator is installed");
        }
        boolean accepted = false;
        List<String> verdicts = new ArrayList<>();
        for (Scheme scheme : current) {
            AuthResult result = ask(scheme, envelope);
            if (result.verdict() == Verdict.REJECTED) {
                return Optional.of("rejected by " + scheme.name() + ": " + result.reason());
            }
            verdicts.add(scheme.name() + ": " + result.verdict() + " (" + result.reason() + ")");
            accepted |= result.verdict() == Verdict.ACCEPTED;
        }
        return accepted ? Optional.empty() : Optional.of("no authenticator accepted it: " + String.join("; ", verdicts));
    }

    private static String schemeName(Map<String, ?> properties) {
        Object name = properties.get(Authenticator.SCHEME);
        return name != null ? name.toString() : "unnamed";
    }

    private static AuthResult ask(Scheme scheme, Envelope envelope) {
        try {
            AuthResult result = scheme.authenticator().authenticate(envelope);
            return result != null ? result : AuthResult.rejected("the authenticator gave no verdict");
        } catch (RuntimeException e) {
            return AuthResult.rejected("the authenticator failed: " + e);
        }
    }
}
