package keeper.transport.tcp.internal;

import keeper.api.spi.transport.Listener;

/** The Listener service of a bound TCP server: its address, e.g. {@code tcp://127.0.0.1:33889}. */
record TcpAddress(String address) implements Listener {
}
