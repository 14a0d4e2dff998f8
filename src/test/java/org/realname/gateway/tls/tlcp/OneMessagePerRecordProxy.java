package org.realname.gateway.tls.tlcp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP relay for one connection that re-frames the server's plaintext handshake records
 * so each carries exactly one handshake message, and passes everything else through unchanged.
 *
 * <p>Why: gmsse 1.1.0 parses one handshake message per record and drops the rest of the record,
 * while BGM (like the JDK it is forked from) packs ServerHello, Certificate, ServerKeyExchange and
 * ServerHelloDone into one record, which GM/T 0024 (as TLS) allows. Re-framing changes nothing the
 * handshake authenticates: Finished covers the handshake messages, not the record boundaries, and
 * from the server's ChangeCipherSpec on every byte is relayed as is.
 */
final class OneMessagePerRecordProxy implements AutoCloseable {

    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;

    private final ServerSocket listener;
    private final int targetPort;
    private volatile int reframedRecords;

    OneMessagePerRecordProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::serveOne, "tlcp-reframe-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many records the server sent that carried more than one handshake message. */
    int reframedRecords() {
        return reframedRecords;
    }

    private void serveOne() {
        try (Socket client = listener.accept(); Socket server = new Socket("localhost", targetPort)) {
            Thread up = new Thread(() -> copy(client, server), "tlcp-reframe-up");
            up.setDaemon(true);
            up.start();
            reframe(server.getInputStream(), client.getOutputStream());
            up.join(5_000);
        } catch (IOException | InterruptedException e) {
            // The test sees the failure on its own socket.
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // Closed by the other side.
        }
    }

    private void reframe(InputStream fromServer, OutputStream toClient) throws IOException {
        DataInputStream in = new DataInputStream(fromServer);
        boolean encrypted = false;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (!encrypted) {
            int type = in.read();
            if (type < 0) {
                return;
            }
            int version = in.readUnsignedShort();
            byte[] fragment = new byte[in.readUnsignedShort()];
            in.readFully(fragment);
            if (type != HANDSHAKE) {
                write(toClient, type, version, fragment);
                encrypted = type == CHANGE_CIPHER_SPEC;
                continue;
            }
            pending.writeBytes(fragment);
            byte[] bytes = pending.toByteArray();
            int offset = 0;
            int messages = 0;
            while (bytes.length - offset >= 4) {
                int length = ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
                if (bytes.length - offset - 4 < length) {
                    break;
                }
                write(toClient, HANDSHAKE, version, java.util.Arrays.copyOfRange(bytes, offset, offset + 4 + length));
                offset += 4 + length;
                messages++;
            }
            if (messages > 1) {
                reframedRecords++;
            }
            pending.reset();
            pending.write(bytes, offset, bytes.length - offset);
        }
        toClient.flush();
        fromServer.transferTo(toClient);
    }

    private static void write(OutputStream out, int type, int version, byte[] fragment) throws IOException {
        out.write(type);
        out.write(version >> 8);
        out.write(version);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.write(fragment);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
