package io.skysync.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link ColdStartIT}, with the shaded Lambda jar as class path: builds the
 * handler exactly as the Lambda runtime does (no-arg constructor, environment variables), serves
 * one plan request (then a second, to compare a warm one), and prints when each step ended, in milliseconds since the JVM started.
 *
 * <p>Arguments: vault, device token, a hash to plan.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainEntered = System.currentTimeMillis();
        SkysyncLambdaHandler handler = new SkysyncLambdaHandler();
        long initDone = System.currentTimeMillis();
        String body = "{\"cursor\":0,\"changes\":[{\"path\":\"probe.bin\",\"baseVersion\":0,\"hash\":\"" + args[2]
                + "\",\"size\":1}]}";
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.http("POST",
                "/v1/vaults/" + args[0] + "/plan", "", Map.of("authorization", "Bearer " + args[1],
                        "content-type", "application/json"), body, false), null);
        long firstResponse = System.currentTimeMillis();
        handler.handleRequest(Events.http("POST", "/v1/vaults/" + args[0] + "/plan", "", Map.of("authorization",
                "Bearer " + args[1], "content-type", "application/json"), body, false), null);
        long secondResponse = System.currentTimeMillis();
        System.out.println("status=" + response.getStatusCode() + " main=" + (mainEntered - jvmStart)
                + " init=" + (initDone - jvmStart) + " firstResponse=" + (firstResponse - jvmStart)
                + " secondRequestTook=" + (secondResponse - firstResponse));
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }
}
