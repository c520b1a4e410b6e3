package io.skysync.infra.aws;

import java.nio.file.Path;

/**
 * What {@code skysync sync} does with the endpoint {@code local} and no {@code serve} running: it
 * starts the backend in its own process and registers no shutdown hook of its own. Prints
 * {@code ready <endpoint>} once serving, then waits to be killed.
 */
public final class InProcessBackendMain {
    private InProcessBackendMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalAwsBackend backend = LocalAwsBackend.start(Path.of(args[0]), 0);
        System.out.println("ready " + backend.endpoint());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
