package io.skysync.aws;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The one {@link AwsTarget} of a test class, held in an instance field:
 * {@code @RegisterExtension final ClassTarget target = new ClassTarget(this::openTarget);}. The
 * class's first test opens it with {@code openTarget()}; the later tests, each on a fresh instance,
 * get the same target, and JUnit closes it after the last one. So the emulators start once per
 * class, and a variant on {@code SKYSYNC_AWS_ENDPOINT} is a subclass overriding {@code openTarget()}.
 * When that gives no target, each test is skipped on its own, before any {@code @BeforeEach}.
 */
final class ClassTarget implements BeforeEachCallback {
    private static final Namespace NAMESPACE = Namespace.create(ClassTarget.class);

    private final Supplier<AwsTarget> opener;
    private AwsTarget target;

    ClassTarget(Supplier<AwsTarget> opener) {
        this.opener = opener;
    }

    @Override
    public void beforeEach(ExtensionContext test) {
        Opened opened = classOf(test).getStore(NAMESPACE)
                .getOrComputeIfAbsent(Opened.class, key -> new Opened(opener.get()), Opened.class);
        target = AwsTarget.assumeSet(opened.target());
    }

    /** The class's target, from a test or its {@code @BeforeEach}. */
    AwsTarget get() {
        if (target == null) {
            throw new IllegalStateException("ClassTarget is opened before each test: register it with @RegisterExtension");
        }
        return target;
    }

    /** The class's own context (a repeated or parameterized test sits one level further down). */
    private static ExtensionContext classOf(ExtensionContext test) {
        ExtensionContext context = test;
        while (context.getTestMethod().isPresent()) {
            context = context.getParent().orElseThrow();
        }
        return context;
    }

    /** Closed by JUnit with the class's store, after its last test; {@code target} is null for an unset endpoint. */
    private record Opened(AwsTarget target) implements AutoCloseable {
        @Override
        public void close() {
            if (target != null) {
                target.close();
            }
        }
    }
}
