package dev.faasjvm.runtime;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import dev.faasjvm.runtime.backend.ProviderBackend;

/**
 * A function named as a caller writes it: {@code name} in the default namespace, or
 * {@code name.namespace}, split on the last dot as {@code /function/name.namespace} is.
 *
 * @param name the function's name
 * @param namespace its namespace
 */
record FunctionName(String name, String namespace) {
    static FunctionName parse(String function) {
        if (function == null || function.isEmpty()) {
            throw new InvalidRequestException("Name the function to call, e.g. \"echo\" or \"echo.openfaas-fn\"");
        }
        int dot = function.lastIndexOf('.');
        if (dot < 0 || dot == function.length() - 1) {
            return new FunctionName(dot < 0 ? function : function.substring(0, dot), ProviderBackend.DEFAULT_NAMESPACE);
        }
        return new FunctionName(function.substring(0, dot), function.substring(dot + 1));
    }
}
