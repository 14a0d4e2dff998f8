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
}
