package org.realname.gateway.tls.tlcp;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives two {@link SSLEngine}s against each other in memory until both finish the handshake, then
 * sends one application message each way. This is how Vert.x/Netty use an engine, without sockets.
 */
final class EngineHandshake {

    private EngineHandshake() {
    }

    /** Runs the handshake and a round trip; answers the message the server received. */
    static String run(SSLEngine client, SSLEngine server, String message) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        ByteBuffer clientOut = ByteBuffer.wrap(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer serverOut = ByteBuffer.wrap("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteBuffer clientToServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer serverToClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer clientIn = ByteBuffer.allocate(app * 4);
        ByteBuffer serverIn = ByteBuffer.allocate(app * 4);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            step(client, clientOut, clientToServer);
            step(server, serverOut, serverToClient);
            clientToServer.flip();
            serverToClient.flip();
            SSLEngineResult s = server.unwrap(clientToServer, serverIn);
            runTasks(server, s);
            SSLEngineResult c = client.unwrap(serverToClient, clientIn);
            runTasks(client, c);
            clientToServer.compact();
            serverToClient.compact();
            if (!clientOut.hasRemaining() && !serverOut.hasRemaining() && serverIn.position() > 0 && clientIn.position() > 0) {
                serverIn.flip();
                byte[] received = new byte[serverIn.remaining()];
                serverIn.get(received);
                return new String(received, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new SSLException("the handshake did not finish: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer net) throws SSLException {
        SSLEngineResult r = engine.wrap(out, net);
        runTasks(engine, r);
    }

    private static void runTasks(SSLEngine engine, SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
