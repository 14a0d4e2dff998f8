package org.realname.gateway.tls.certs;

import java.nio.file.Path;

/**
 * The file layout of a TLS material folder ({@code ${gateway.data-dir}/tls} in the embedded
 * default). The names are a contract: the TLCP listener (dual certificates) loads
 * {@code tlcp-server.p12} and {@code tlcp-client.p12} with key aliases {@value #SIGN} and
 * {@value #ENC}; the TLS 1.3 listener loads {@code tls-sm2-server.p12} and
 * {@code tls-ecdsa-server.p12}; clients trust {@code sm2-ca.pem} or {@code ecdsa-ca.pem}.
 */
public record TlsFiles(Path folder) {

    /** Key alias of the SM2 signing key (keyUsage digitalSignature) in every SM2 key store. */
    public static final String SIGN = "sign";
    /** Key alias of the SM2 encryption key (keyEncipherment, dataEncipherment, keyAgreement). */
    public static final String ENC = "enc";
    /** Key alias of the single key in {@code tls-ecdsa-server.p12}. */
    public static final String SERVER = "server";

    public Path sm2CaPem() {
        return folder.resolve("sm2-ca.pem");
    }

    /** The SM2 CA's private key: needed only to issue more development certificates. */
    public Path sm2CaKeyPem() {
        return folder.resolve("sm2-ca-key.pem");
    }

    public Path ecdsaCaPem() {
        return folder.resolve("ecdsa-ca.pem");
    }

    public Path ecdsaCaKeyPem() {
        return folder.resolve("ecdsa-ca-key.pem");
    }

    /** TLCP server: aliases {@value #SIGN} and {@value #ENC}, each key with its chain. */
    public Path tlcpServerP12() {
        return folder.resolve("tlcp-server.p12");
    }

    /** TLCP client (provider link, ECDHE suites): aliases {@value #SIGN} and {@value #ENC}. */
    public Path tlcpClientP12() {
        return folder.resolve("tlcp-client.p12");
    }

    /** TLS 1.3 with ShangMi suites: alias {@value #SIGN}, the server's SM2 signing key and chain. */
    public Path tlsSm2ServerP12() {
        return folder.resolve("tls-sm2-server.p12");
    }

    /** Standard TLS: alias {@value #SERVER}, an ECDSA P-256 key and its chain. */
    public Path tlsEcdsaServerP12() {
        return folder.resolve("tls-ecdsa-server.p12");
    }

    /** PEM copies of one certificate and its key, for tools other than Java: {@code <name>-cert.pem}, {@code <name>-key.pem}. */
    public Path certPem(String name) {
        return folder.resolve(name + "-cert.pem");
    }

    public Path keyPem(String name) {
        return folder.resolve(name + "-key.pem");
    }
}
