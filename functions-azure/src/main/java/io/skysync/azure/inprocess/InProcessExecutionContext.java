package io.skysync.azure.inprocess;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/** The invocation context the Functions host would pass: an id, the function's name and a logger. */
public record InProcessExecutionContext(String invocationId, String functionName) implements ExecutionContext {
    private static final Logger LOG = Logger.getLogger("io.skysync.azure.function");

    @Override
    public Logger getLogger() {
        return LOG;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
