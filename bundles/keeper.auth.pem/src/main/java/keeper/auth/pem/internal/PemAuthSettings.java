package keeper.auth.pem.internal;

/** Configuration of the pem authenticator (configuration PID {@code keeper.auth.pem}); the defaults suit most servers. */
public @interface PemAuthSettings {

    /** How far a request's {@code ts} may be from the server's clock, either way, in seconds. */
    long skewSeconds() default 60;

    /** How many nonces are remembered at most for replay detection; the oldest go first. */
    int rememberedNonces() default 100_000;
}
