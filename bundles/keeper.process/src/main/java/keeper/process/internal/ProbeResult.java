package keeper.process.internal;

/**
 * What one probe attempt found.
 *
 * @param passed whether the child answered as asked
 * @param detail for logs and status: {@code tcp 127.0.0.1:5432: connection refused}
 */
record ProbeResult(boolean passed, String detail) {

    static ProbeResult passed(String detail) {
        return new ProbeResult(true, detail);
    }

    static ProbeResult failed(String detail) {
        return new ProbeResult(false, detail);
    }
}
