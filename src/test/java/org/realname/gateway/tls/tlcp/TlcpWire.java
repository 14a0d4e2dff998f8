package org.realname.gateway.tls.tlcp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * TLCP on the wire, by hand, independent of any TLS library: writes a ClientHello built byte by
 * byte (GM/T 0024-2014 section 6.4.5.2, the TLS 1.1 layout with version 0x0101) and reads the
 * server's first flight record by record until ServerHelloDone, an alert or the end of the stream.
 */
final class TlcpWire {

    static final int TLCP_VERSION = 0x0101;
    static final int TLS10_VERSION = 0x0301;
    static final int HANDSHAKE = 22;
    static final int ALERT = 21;

    private TlcpWire() {
    }

    /** One record as received. */
    record Record(int type, int version, byte[] fragment) {
    }

    /** One handshake message, reassembled from the handshake records. */
    record Message(int type, byte[] body) {
    }

    /** What the server sent in answer to a ClientHello. */
    record Flight(List<Record> records, List<Message> messages) {

        boolean alerted() {
            return records.stream().anyMatch(r -> r.type() == ALERT);
        }

        Message first(int type) {
            return messages.stream().filter(m -> m.type() == type).findFirst().orElse(null);
        }
    }

    /** A ClientHello offering {@code suites} (two-byte ids) at {@code version}, no extensions. */
    static byte[] clientHello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        body.write((suites.length * 2) >> 8);
        body.write(suites.length * 2);
        for (int suite : suites) {
            body.write(suite >> 8);
            body.write(suite);
        }
        body.write(1); // one compression method: null
        body.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        record.write(version >> 8);
        record.write(version);
        int length = b.length + 4;
        record.write(length >> 8);
        record.write(length);
        record.write(1); // client_hello
        record.write(b.length >> 16);
        record.write(b.length >> 8);
        record.write(b.length);
        record.writeBytes(b);
        return record.toByteArray();
    }

    /** Sends {@code hello} to localhost:{@code port} and reads the answer. */
    static Flight exchange(int port, byte[] hello) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(hello);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<Record> records = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            while (true) {
                Record record;
                try {
                    int type = in.readUnsignedByte();
                    int version = in.readUnsignedShort();
                    byte[] fragment = new byte[in.readUnsignedShort()];
                    in.readFully(fragment);
                    record = new Record(type, version, fragment);
                } catch (EOFException | SocketTimeoutException | java.net.SocketException e) {
                    return new Flight(records, messages);
                }
                records.add(record);
                if (record.type() == ALERT) {
                    return new Flight(records, messages);
                }
                if (record.type() != HANDSHAKE) {
                    continue;
                }
                handshake.writeBytes(record.fragment());
                byte[] pending = handshake.toByteArray();
                int offset = 0;
                while (pending.length - offset >= 4) {
                    int length = ((pending[offset + 1] & 0xff) << 16) | ((pending[offset + 2] & 0xff) << 8) | (pending[offset + 3] & 0xff);
                    if (pending.length - offset - 4 < length) {
                        break;
                    }
                    byte[] body = java.util.Arrays.copyOfRange(pending, offset + 4, offset + 4 + length);
                    messages.add(new Message(pending[offset] & 0xff, body));
                    offset += 4 + length;
                    if ((pending[offset - 4 - length] & 0xff) == 14) { // server_hello_done
                        return new Flight(records, messages);
                    }
                }
                handshake.reset();
                handshake.write(pending, offset, pending.length - offset);
            }
        }
    }

    /** The negotiated suite id of a ServerHello body. */
    static int serverHelloSuite(byte[] body) {
        int sessionIdLength = body[34] & 0xff;
        int at = 35 + sessionIdLength;
        return ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
    }

    static int serverHelloVersion(byte[] body) {
        return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    }

    /** The DER certificates of a Certificate body, in message order. */
    static List<byte[]> certificates(byte[] body) {
        List<byte[]> certs = new ArrayList<>();
        int total = ((body[0] & 0xff) << 16) | ((body[1] & 0xff) << 8) | (body[2] & 0xff);
        int at = 3;
        while (at < 3 + total) {
            int length = ((body[at] & 0xff) << 16) | ((body[at + 1] & 0xff) << 8) | (body[at + 2] & 0xff);
            certs.add(java.util.Arrays.copyOfRange(body, at + 3, at + 3 + length));
            at += 3 + length;
        }
        return certs;
    }
}
