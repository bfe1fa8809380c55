package dev.faasjvm.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.faasjvm.runtime.backend.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class FunctionPathTest {

    @ParameterizedTest
    @CsvSource({
        "/function/echo, echo, openfaas-fn, /",
        "/function/echo/, echo, openfaas-fn, /",
        "/function/echo.team, echo, team, /",
        "/function/echo.team/a/b, echo, team, /a/b",
        "/function/echo/a.b/c, echo, openfaas-fn, /a.b/c",
        "/function/my.fn.team/x, my.fn, team, /x",
        "/function/echo./x, echo, openfaas-fn, /x"})
    void parse_path_splitsNameNamespaceAndRest(String path, String name, String namespace, String rest) {
        InvokeHandler.FunctionPath parsed = InvokeHandler.FunctionPath.parse(path);

        assertEquals(new InvokeHandler.FunctionPath(name, namespace, rest), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/function/", "/function", "/function//x"})
    void parse_noName_isInvalid(String path) {
        assertThrows(InvalidRequestException.class, () -> InvokeHandler.FunctionPath.parse(path));
    }
}
