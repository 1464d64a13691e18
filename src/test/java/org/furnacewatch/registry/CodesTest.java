package org.furnacewatch.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The GB/T 2260 tree as jurisdiction, and address keys for sites. */
class CodesTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "500102, 500102, true",   // a district covers itself
            "500000, 500102, true",   // 重庆市 covers 涪陵区
            "510100, 510104, true",   // 成都市 covers 锦江区
            "510100, 510302, false",  // ... not 自贡市自流井区
            "510000, 510302, true",   // 四川省 covers every city's districts
            "500102, 500103, false",  // a district covers no neighbour
            "500102, 500000, false",  // nor its city
            "510100, 510000, false",  // a city does not cover its province
            "abc, 500102, false",
    })
    void covers_followsTheCodesPositions(String jurisdiction, String code, boolean expected) {
        assertEquals(expected, Codes.covers(jurisdiction, code));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'重庆市涪陵区李渡街道 工业园路18号', 李渡街道工业园路18号",
            "'涪陵区李渡街道工业园路１８号', 李渡街道工业园路18号",
            "'中国重庆市涪陵区李渡街道工业园路18号（东门）', 李渡街道工业园路18号东门",
            "'李渡街道，工业园路18-2号', 李渡街道工业园路182号",
    })
    void addressKey_isTheSameForTheSamePlaceWrittenOtherwise(String address, String key) {
        assertEquals(key, Addresses.key(address, List.of("涪陵区")));
    }
}
