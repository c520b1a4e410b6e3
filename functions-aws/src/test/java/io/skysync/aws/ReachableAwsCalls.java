package io.skysync.aws;

import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.skysync.http.ApiRouter;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS SDK operations a Lambda handler can reach, read from the compiled classes that go into the
 * Lambda jar (this module's and shared's). A call graph from the handler's constructors and its
 * handler method: a call or a method reference to a type of ours leads to every imported class that
 * may answer it (class-hierarchy analysis, so an interface call reaches each implementation); a
 * lambda counts as part of the method that declares it (ArchUnit attributes its calls there); a
 * class that is reached brings its static initializer. Whatever the handler cannot reach (test
 * set-up such as {@code createTable}) is left out. Over-approximates, never misses a reachable call.
 */
final class ReachableAwsCalls {
    private static final String SDK = "software.amazon.awssdk.";

    /** One SDK call site's operation: {@code DynamoDbClient.getItem}, {@code TransactWriteItem$Builder.put}. */
    record Operation(String owner, String name) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return owner + "." + name;
        }
    }

    private static final JavaClasses CODE = importCode();

    private ReachableAwsCalls() {
    }

    /** Every SDK operation reachable from {@code handlerClass}'s constructors and {@code method}. */
    static Set<Operation> from(String handlerClass, String method) {
        JavaClass handler = CODE.get(handlerClass);
        Deque<JavaCodeUnit> todo = new ArrayDeque<>();
        handler.getCodeUnits().stream()
                .filter(u -> u.isConstructor() || u.getName().equals(method))
                .forEach(todo::add);
        Set<JavaCodeUnit> seen = new HashSet<>();
        Set<Operation> operations = new TreeSet<>();
        while (!todo.isEmpty()) {
            JavaCodeUnit unit = todo.pop();
            if (!seen.add(unit)) {
                continue;
            }
            unit.getOwner().getStaticInitializer().ifPresent(todo::push);
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                if (access.getTarget() instanceof CodeUnitAccessTarget target) {
                    String owner = target.getOwner().getName();
                    if (owner.startsWith(SDK)) {
                        operations.add(new Operation(nestedName(owner), target.getName()));
                    } else {
                        todo.addAll(implementations(target));
                    }
                }
            }
        }
        return operations;
    }

    /** The imported code units that may run for a call to {@code target}. */
    private static List<JavaCodeUnit> implementations(CodeUnitAccessTarget target) {
        List<String> parameters = target.getRawParameterTypes().stream().map(JavaClass::getName).toList();
        Set<JavaCodeUnit> out = new HashSet<>();
        target.resolveMember().ifPresent(out::add);
        for (JavaClass candidate : CODE) {
            if (candidate.isAssignableTo(target.getOwner().getName())) {
                candidate.tryGetCodeUnitWithParameterTypeNames(target.getName(), parameters).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** {@code TransactWriteItem$Builder} rather than the bare {@code Builder}. */
    private static String nestedName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static JavaClasses importCode() {
        return new ClassFileImporter().importUrls(List.of(codeSource(SkysyncLambdaHandler.class),
                codeSource(ApiRouter.class)));
    }

    private static URL codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("no code source for " + type, e);
        }
    }
}
