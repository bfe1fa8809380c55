package dev.faasjvm.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The warning about threads that outlive an unload says how many and names at most ten (issue 10). */
final class SurvivorsTest {

    @Test
    void survivors_thousands_countsThemAndNamesTheFirstTen() {
        List<String> names = IntStream.range(0, 7000).mapToObj(i -> "t" + i).toList();

        assertEquals("7000 threads t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 and 6990 more are",
                LoadedFunction.survivors(names));
    }

    @Test
    void survivors_one_isSingular() {
        assertEquals("1 thread t0 is", LoadedFunction.survivors(List.of("t0")));
    }
}
