package org.furnacewatch.inspect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The draw itself: a pure function of the seed, the population and the inspector list, so that anyone holding the
 * published plan can draw it again with nothing but SHA-256 (一公开). No {@code java.util.Random}: its sequence is a
 * Java detail, a hash of text is not.
 * <ol>
 *   <li>each candidate's key is the lower-case hex SHA-256 of {@code seed + "|" + creditCode} (UTF-8);</li>
 *   <li>candidates of a full-coverage stratum are all drawn; of the others, the {@code n} with the smallest keys, where
 *       {@code n = count} or {@code ceil(rate × others)};</li>
 *   <li>each drawn enterprise gets the {@code k} active inspectors with the smallest SHA-256 of
 *       {@code seed + "|" + creditCode + "|" + inspectorId};</li>
 *   <li>checks are numbered from 1 in key order.</li>
 * </ol>
 */
public final class Draw {
    public static final String METHOD = "SHA-256 排序抽取 (sha256-rank v1)：候选企业按 SHA-256(种子|统一社会信用代码) 十六进制升序排列；全覆盖层全部入选，"
            + "其余取前 n 个（n = 指定数量，或 ⌈比例 × 其余企业数⌉）；每个入选企业按 SHA-256(种子|统一社会信用代码|执法人员编号) 升序取前 k 名执法人员；"
            + "检查按前一键值升序编号。Candidates ranked by the hex SHA-256 of seed|creditCode; full-coverage strata all drawn, "
            + "the rest the first n; inspectors ranked by SHA-256 of seed|creditCode|inspectorId, the first k.";

    public record Candidate(String enterprise, String name, Stratum stratum) {}

    public record Pick(int seq, Candidate candidate, String key, List<String> inspectors) {}

    private Draw() {}

    /**
     * Draws from {@code population}; {@code count} wins over {@code rate} when both are given. Throws
     * {@link IllegalStateException} when fewer than {@code perCheck} inspectors are listed (and something is drawn).
     */
    public static List<Pick> draw(String seed, PlanKind kind, List<Candidate> population, Double rate, Integer count,
                                  List<String> inspectorIds, int perCheck) {
        record Keyed(Candidate c, String key) {}
        List<Keyed> full = new ArrayList<>();
        List<Keyed> rest = new ArrayList<>();
        for (Candidate c : population) {
            Keyed k = new Keyed(c, sha256(seed + "|" + c.enterprise()));
            (kind.fullCoverage.contains(c.stratum()) ? full : rest).add(k);
        }
        Comparator<Keyed> byKey = Comparator.comparing(Keyed::key);
        rest.sort(byKey);
        int n = count != null ? Math.min(count, rest.size()) : (int) Math.min(rest.size(), Math.ceil(rate * rest.size() - 1e-9));
        List<Keyed> drawn = new ArrayList<>(full);
        drawn.addAll(rest.subList(0, n));
        drawn.sort(byKey);
        if (!drawn.isEmpty() && inspectorIds.size() < perCheck) throw new IllegalStateException("inspectors");
        List<Pick> out = new ArrayList<>();
        for (Keyed k : drawn) {
            String ent = k.c().enterprise();
            List<String> who = inspectorIds.stream().sorted(Comparator.comparing((String id) -> sha256(seed + "|" + ent + "|" + id)))
                    .limit(perCheck).toList();
            out.add(new Pick(out.size() + 1, k.c(), k.key(), who));
        }
        return out;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
