package keeper.client.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import keeper.api.spi.auth.Envelope;
import keeper.api.spi.auth.RequestSigner;

/** A signer found through a plugin jar; counts how often it is loaded, to prove unsigned calls never load one. */
public final class CountingSigner implements RequestSigner {

    static final AtomicInteger LOADED = new AtomicInteger();

    public CountingSigner() {
        LOADED.incrementAndGet();
    }

    @Override
    public Envelope sign(Envelope request, Path privateKeyPem) {
        return new Envelope(request.version(), request.line(), Map.of("key", privateKeyPem.getFileName().toString()));
    }
}
