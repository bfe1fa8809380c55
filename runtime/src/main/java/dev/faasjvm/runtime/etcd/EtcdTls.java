package dev.faasjvm.runtime.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for {@code https} etcd endpoints, from PEM files as etcd's own tools take them:
 * a CA bundle to trust and, for client-certificate auth, a certificate and its PKCS#8 key
 * ({@code -----BEGIN PRIVATE KEY-----}; convert others with {@code openssl pkcs8 -topk8 -nocrypt}).
 * Stateless.
 */
final class EtcdTls {
    private static final char[] NO_PASSWORD = new char[0];

    private EtcdTls() {
    }

    /** An SSL context, or {@code null} when the config names no TLS file (the JDK's defaults then). */
    static SSLContext context(EtcdConfig config) {
        if (config.caFile() == null && config.certFile() == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (config.caFile() != null) {
                KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
                cas.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(config.caFile())) {
                    cas.setCertificateEntry("ca-" + i++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(cas);
            }
            KeyManagerFactory keys = null;
            if (config.certFile() != null) {
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey(config.keyFile()), NO_PASSWORD,
                        certificates(config.certFile()).toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the etcd TLS files (CA " + config.caFile() + ", cert "
                    + config.certFile() + ", key " + config.keyFile() + "): " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no PEM certificate");
            }
            return certificates;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException(file + " holds a key of an unsupported algorithm", last);
    }
}
