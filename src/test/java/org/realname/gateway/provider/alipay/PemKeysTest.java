package org.realname.gateway.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {

    @TempDir
    Path dir;

    @Test
    void pemRoundTrip_givesSameKeysAndOwnerOnlyFiles() throws IOException {
        KeyPair pair = PemKeys.generateRsa();
        Path priv = dir.resolve("k/private.pem");
        Path pub = dir.resolve("k/public.pem");
        PemKeys.writeOwnerOnly(priv, PemKeys.toPem(pair.getPrivate()));
        PemKeys.writeOwnerOnly(pub, PemKeys.toPem(pair.getPublic()));

        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertArrayEquals(pair.getPrivate().getEncoded(), PemKeys.readPrivateKey(priv, SignType.RSA2).getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), PemKeys.readPublicKey(pub, SignType.RSA2).getEncoded());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        }
    }

    @Test
    void bareBase64Der_asTheConsoleExportsIt_isRead() throws IOException {
        KeyPair pair = PemKeys.generateRsa();
        Path pub = dir.resolve("pub.txt");
        Files.writeString(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        assertArrayEquals(pair.getPublic().getEncoded(), PemKeys.readPublicKey(pub, SignType.RSA2).getEncoded());
    }

    @Test
    void publicKeyFileGivenAsPrivate_fails() throws IOException {
        Path pub = dir.resolve("pub.pem");
        Files.writeString(pub, PemKeys.toPem(PemKeys.generateRsa().getPublic()));
        assertThrows(IOException.class, () -> PemKeys.readPrivateKey(pub, SignType.RSA2));
    }

    @Test
    void missingFile_fails() {
        assertThrows(IOException.class, () -> PemKeys.readPublicKey(dir.resolve("absent.pem"), SignType.RSA2));
    }

    @Test
    void sm2PemRoundTrip_givesSameKeysOnTheSm2Curve() throws IOException {
        KeyPair pair = PemKeys.generateSm2();
        Path priv = dir.resolve("sm2/private.pem");
        Path pub = dir.resolve("sm2/public.pem");
        PemKeys.writeOwnerOnly(priv, PemKeys.toPem(pair.getPrivate()));
        PemKeys.writeOwnerOnly(pub, PemKeys.toPem(pair.getPublic()));

        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertArrayEquals(pair.getPrivate().getEncoded(), PemKeys.readPrivateKey(priv, SignType.SM2).getEncoded());
        ECPublicKey read = (ECPublicKey) PemKeys.readPublicKey(pub, SignType.SM2);
        assertArrayEquals(pair.getPublic().getEncoded(), read.getEncoded());
        assertEquals(256, read.getParams().getOrder().bitLength());
    }

    @Test
    void sm2BareBase64Der_isRead() throws IOException {
        KeyPair pair = PemKeys.generateSm2();
        Path priv = dir.resolve("sm2.txt");
        Files.writeString(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        assertArrayEquals(pair.getPrivate().getEncoded(), PemKeys.readPrivateKey(priv, SignType.SM2).getEncoded());
    }

    @Test
    void ecKeyOnAnotherCurve_isRefusedForSm2() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair p256 = generator.generateKeyPair();
        Path pub = dir.resolve("p256.pem");
        Path priv = dir.resolve("p256-private.pem");
        Files.writeString(pub, PemKeys.toPem(p256.getPublic()));
        Files.writeString(priv, PemKeys.toPem(p256.getPrivate()));
        IOException e = assertThrows(IOException.class, () -> PemKeys.readPublicKey(pub, SignType.SM2));
        assertTrue(e.getMessage().contains("sm2p256v1"), e.getMessage());
        assertThrows(IOException.class, () -> PemKeys.readPrivateKey(priv, SignType.SM2));
    }

    @Test
    void keyOfTheOtherSignType_isRefused() throws IOException {
        Path rsa = dir.resolve("rsa.pem");
        Path sm2 = dir.resolve("sm2.pem");
        Files.writeString(rsa, PemKeys.toPem(PemKeys.generateRsa().getPublic()));
        Files.writeString(sm2, PemKeys.toPem(PemKeys.generateSm2().getPublic()));
        assertThrows(IOException.class, () -> PemKeys.readPublicKey(rsa, SignType.SM2));
        assertThrows(IOException.class, () -> PemKeys.readPublicKey(sm2, SignType.RSA2));
    }

    @Test
    void rsaKeyUnder2048Bits_isStillRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Path pub = dir.resolve("rsa1024.pem");
        Files.writeString(pub, PemKeys.toPem(generator.generateKeyPair().getPublic()));
        IOException e = assertThrows(IOException.class, () -> PemKeys.readPublicKey(pub, SignType.RSA2));
        assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }
}
