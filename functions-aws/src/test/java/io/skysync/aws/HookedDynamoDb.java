package io.skysync.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real {@link DynamoDbClient} that runs a hook once, right after (or before) the first request
 * a predicate picks: another device's commit landing between two reads of a store, at exactly
 * the point where a race would bite, so the race test is deterministic. Everything else passes
 * through untouched.
 */
final class HookedDynamoDb {
    private HookedDynamoDb() {
    }

    /** {@code client}, with {@code hook} run once after the first request {@code when} picks has answered. */
    static DynamoDbClient after(DynamoDbClient client, Predicate<SdkRequest> when, Runnable hook) {
        return hooked(client, when, hook, false);
    }

    /** {@code client}, with {@code hook} run once before the first request {@code when} picks is sent. */
    static DynamoDbClient before(DynamoDbClient client, Predicate<SdkRequest> when, Runnable hook) {
        return hooked(client, when, hook, true);
    }

    private static DynamoDbClient hooked(DynamoDbClient client, Predicate<SdkRequest> when, Runnable hook,
                                         boolean first) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean done;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                    // The builder form builds the request and calls the request form: through this proxy.
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                boolean picked = !done && args != null && args.length == 1 && args[0] instanceof SdkRequest request
                        && when.test(request);
                if (picked) {
                    done = true;
                }
                if (picked && first) {
                    hook.run();
                }
                Object answer;
                try {
                    answer = method.invoke(client, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (picked && !first) {
                    hook.run();
                }
                return answer;
            }
        };
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }
}
