package org.realname.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The server side of the socket benchmarks: accepts on its own thread, handshakes every
 * connection, then reads and discards until the client closes. {@code TCP_NODELAY} is set on each
 * accepted socket (without it Nagle and delayed ACKs put ~40 ms waits into every flight).
 */
final class LoopbackTlsServer {

    private LoopbackTlsServer() {
    }

    static void start(SSLServerSocket listener, Consumer<SSLSocket> configureAccepted) {
        Thread t = new Thread(() -> serve(listener, configureAccepted), "bench-server");
        t.setDaemon(true);
        t.start();
    }

    private static void serve(SSLServerSocket listener, Consumer<SSLSocket> configureAccepted) {
        while (!listener.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) listener.accept();
                s.setTcpNoDelay(true);
                configureAccepted.accept(s);
                Thread reader = new Thread(() -> drain(s));
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void drain(SSLSocket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // client gone
        }
    }
}
