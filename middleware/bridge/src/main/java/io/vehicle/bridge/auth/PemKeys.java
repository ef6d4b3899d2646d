package io.vehicle.bridge.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA and EC keys in PEM files, as openssl writes them: public keys as SubjectPublicKeyInfo
 * ({@code BEGIN PUBLIC KEY}), private keys as PKCS#8 ({@code BEGIN PRIVATE KEY}). Key decoding only; the
 * JWT handling is nimbus-jose-jwt's.
 */
public final class PemKeys {

    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private PemKeys() {
    }

    public static PublicKey readPublic(Path file) throws IOException {
        byte[] der = decode(file, PUBLIC);
        return (PublicKey) parse(file, der, true);
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = decode(file, PRIVATE);
        return (PrivateKey) parse(file, der, false);
    }

    /** A new key pair for signing tokens: "rsa" (2048 bit, RS256) or "ec" (P-256, ES256). */
    public static KeyPair generate(String kind) {
        try {
            if (kind.equalsIgnoreCase("rsa")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            if (kind.equalsIgnoreCase("ec")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + kind + " key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("key kind '" + kind + "': use rsa or ec");
    }

    public static void write(Path file, Key key) throws IOException {
        String label = key instanceof PublicKey ? PUBLIC : PRIVATE;
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n",
                StandardCharsets.US_ASCII);
    }

    private static byte[] decode(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + ": no '" + begin + "' block (expected a PEM " + label.toLowerCase()
                    + (label.equals(PUBLIC) ? ", e.g. from 'openssl pkey -pubout'" : " in PKCS#8 form") + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the " + label.toLowerCase() + " block is not valid Base64");
        }
    }

    private static Key parse(Path file, byte[] der, boolean publicKey) throws IOException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return publicKey ? factory.generatePublic(new X509EncodedKeySpec(der))
                        : factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(file + ": neither an RSA nor an EC " + (publicKey ? "public" : "private") + " key");
    }
}
