package org.tuskdb.sql.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What pg_authid.rolpassword stores for CREATE / ALTER ROLE ... PASSWORD (PostgreSQL's
 * encrypt_password): a SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$4096:salt$StoredKey:ServerKey},
 * RFC 5802 / 7677, 16 random salt bytes) or an MD5 hash ({@code md5} + md5(password || user)), by
 * the password_encryption setting. A password already in either form is stored as given (pg_dump
 * writes the stored form). Nothing here authenticates: connections are trusted.
 */
final class PasswordHashes {
    private static final int SCRAM_ITERATIONS = 4096;
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {}

    static boolean isMd5(String s) {
        return s.length() == 35 && s.startsWith("md5") && s.substring(3).chars().allMatch(
            c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    static boolean isScram(String s) {
        return s.matches("SCRAM-SHA-256\\$\\d+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
    }

    /** The stored form of {@code password} for role {@code user} under password_encryption {@code method}. */
    static String encrypt(String password, String user, String method) {
        if (isMd5(password) || isScram(password)) {
            return password;
        }
        return "md5".equals(method) ? md5(password, user) : scram(password);
    }

    static String md5(String password, String user) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(password.getBytes(StandardCharsets.UTF_8));
            md.update(user.getBytes(StandardCharsets.UTF_8));
            return "md5" + HexFormat.of().formatHex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String scram(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256))
                .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
