package io.vehicle.launcher.bridge;

import io.vehicle.bridge.auth.PemKeys;
import io.vehicle.bridge.auth.Scopes;
import io.vehicle.bridge.auth.TokenMinter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vehicle bridge token}: signs an access token with a private key (for tests and benches). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Prints a JWT signed with the private key, with KUKSA-style scopes in its scope claim.",
                "Example: vehicle bridge token --key keys/bridge-private.pem --subject bench "
                        + "--scope \"read actuate:Vehicle.Cabin.HVAC\""})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "PEM", description = "Private key (PKCS#8 PEM, RSA or EC).")
    Path key;

    @Option(names = "--subject", required = true, description = "The token's sub: who the bridge and its "
            + "policy see (unless --client-id is given).")
    String subject;

    @Option(names = "--client-id", defaultValue = "", description = "The token's client_id; policies name writers "
            + "by it when present.")
    String clientId;

    @Option(names = "--scope", required = true, description = "Space-separated scopes: read, actuate, provide, each "
            + "optionally with :PATH (a branch, * for one level, ** for any).")
    String scope;

    @Option(names = "--valid-for", defaultValue = "PT1H", description = "Lifetime as an ISO-8601 duration "
            + "(default PT1H).")
    Duration validFor;

    @Override
    public Integer call() throws Exception {
        try {
            Scopes.parse(scope);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scope: " + e.getMessage());
        }
        System.out.println(new TokenMinter(PemKeys.readPrivate(key)).mint(subject, clientId, scope, Instant.now(),
                validFor));
        return 0;
    }
}
