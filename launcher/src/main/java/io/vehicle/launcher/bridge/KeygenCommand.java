package io.vehicle.launcher.bridge;

import io.vehicle.bridge.auth.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vehicle bridge keygen}: a key pair for signing client tokens (tests, benches, the demo). */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Writes bridge-private.pem (PKCS#8, readable by you only) and bridge-public.pem "
                + "(give it to the bridge with --public-key or auth.publicKey).")
public final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = ".", description = "Directory for the two files (default: here).")
    Path out;

    @Option(names = "--type", defaultValue = "ec", description = "ec (P-256, ES256; default) or rsa (2048, RS256).")
    String type;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        KeyPair pair = PemKeys.generate(type);
        Path privateKey = out.resolve("bridge-private.pem");
        Path publicKey = out.resolve("bridge-public.pem");
        PemKeys.write(privateKey, pair.getPrivate());
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
        PemKeys.write(publicKey, pair.getPublic());
        System.out.println("wrote " + privateKey + " and " + publicKey);
        return 0;
    }
}
