package org.furnacewatch.bench.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.Finding;
import org.furnacewatch.detect.ProfileResolver;
import org.furnacewatch.sim.DistrictSimulator;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.PowerCompanyFeed;
import org.furnacewatch.sim.SimConfig;
import org.furnacewatch.sim.SimulatedDistrict;
import org.furnacewatch.sim.TruthEvent;

import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection quality on simulated districts fed the way a power company feeds ({@link PowerCompanyFeed}: half-day
 * uploads split over requests, rows shuffled, re-collected rows up to 72 h late, quiet concentrators, gaps, replaced
 * meters), straight into the detection core (no HTTP, so many seeds fit in minutes; the service's runner does the
 * same per commit: feed, then flush; and once the feed has gone quiet between two uploads, {@code uploadsWhole}).
 * Per kind: recall within 36 h of onset (by the arrival time of the upload that raised the alert), median time to
 * detect; false alerts per 10,000 enterprise-days; per seed and the worst seed. "By event
 * time": recall within 36 event-time hours as the issue words it, by the newest reading the
 * alert was raised on, whenever it arrived (what the detector needed, before the feed's delay).
 * Findings become alerts as the alert store makes them, nobody acknowledging: one alert per enterprise and kind, opened
 * by its first finding of any phase, false when none of its findings meets a truth of its kind.
 * "feed-late" counts the truths of which less than 90 % of the rows of the first 12 hours after onset had arrived
 * within 36 hours (a quiet concentrator delivering days late): no detector could judge them in time; the recall of
 * the rest is the detector's own.
 *
 * <pre>./watch bench org.furnacewatch.bench.detect.DistrictReplay --seeds 1001,1002,1003,1004,1005 [--enterprises 2000
 *   --days 60 --start 2025-09-01 --rate 0.015 --peer-rate 0.003 --profile models/default-profile.json --feed power|daily|uploads|sorted|inorder --list]
 *   (--quiet false: uploads back to back, the feed never quiet between them, as before session 52)
 *   (--starts 2025-09-01,2026-01-20,... gives each seed its own first day: one season per seed)
 *   (--new-accounts 0.02: that share of clean enterprises opens its account during the period, and one in five
 *   unlicensed furnaces melts from its new account's first days; 0 gives the districts of earlier sessions)
 *   (--min-shift 1.4: injected level shifts multiply the load by 1.4-4 instead of 1.8-4)
 *   (--resumes 0.5: half the suspended sites resume production with no dated reopening, LEVEL_SHIFT truths)
 *   (--meter-replacements 0.5: half the meters replaced (换表) in the period, not the sim's 1 %)
 *   (-Ddebug=CODE,CODE before the class prints every finding of those enterprises as it is emitted)</pre>
 */
public final class DistrictReplay {
  static final String[] KINDS = {"RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS",
      "PEER_OUTLIER", "INTENSITY_MISMATCH"};
  static final String[] JUDGED = {"RESURGENCE", "FURNACE_SIGNATURE", "LEVEL_SHIFT", "NIGHT_LOAD", "FLAT_CONTINUOUS"};

  record Alert(int e, String kind, long firstTs, long lastTs, long clock) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--list")) {
        a.put("list", "1"); // the one flag without a value, wherever it stands
      } else if (i + 1 < args.length) {
        a.put(args[i].replaceFirst("^--", ""), args[++i]);
      } else {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
    }
    int n = Integer.parseInt(a.getOrDefault("enterprises", "2000"));
    int days = Integer.parseInt(a.getOrDefault("days", "60"));
    LocalDate start0 = LocalDate.parse(a.getOrDefault("start", "2025-09-01"));
    double rate = Double.parseDouble(a.getOrDefault("rate", "0.015"));
    // 0.003 keeps six per seed, as the figures before it were measured; 0.015 gives 30
    double peerRate = Double.parseDouble(a.getOrDefault("peer-rate", "0.003"));
    String feed = a.getOrDefault("feed", "power");
    boolean inOrder = feed.equals("inorder");
    // "uploads": the power company's half-day uploads and arrival times, with no row re-collected, late or missing
    // (what the feed's faults cost, measured against "power")
    // "sorted": those uploads, each as one request with its rows in time order (against "uploads": what the split
    // of an upload over requests and the order of its rows decide)
    boolean wholeSorted = feed.equals("sorted");
    // "--quiet false": the feed never goes quiet between uploads (uploads replayed back to back)
    boolean quietBetweenUploads = Boolean.parseBoolean(a.getOrDefault("quiet", "true"));
    String feedName = switch (feed) {
      case "power" -> "power company";
      case "daily" -> "power company, one upload a day after midnight";
      case "uploads" -> "half-day uploads, nothing late or missing";
      case "sorted" -> "half-day uploads, nothing late or missing, each one request in time order";
      case "inorder" -> "in order";
      default -> throw new IllegalArgumentException("--feed is power, daily, uploads, sorted or inorder, not " + feed);
    };
    PowerCompanyFeed.Options feedOptions = feed.equals("uploads") || wholeSorted
        ? new PowerCompanyFeed.Options(0, 0, 0, 1)
        : feed.equals("daily") ? PowerCompanyFeed.Options.typical().aDayAnUpload() : PowerCompanyFeed.Options.typical();
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = new ObjectMapper().readValue(new File(a.getOrDefault("profile", "models/default-profile.json")), Map.class);
    ProfileResolver profiles = ProfileResolver.fromDocument(doc);
    Map<String, double[]> worst = new LinkedHashMap<>();
    double worstFa = 0;
    Map<String, double[]> sum = new LinkedHashMap<>();
    Map<String, double[]> eventTime = new LinkedHashMap<>();
    double sumFa = 0;
    int[] newAcct = {0, 0};
    int[] resumed = {0, 0};
    double sumFaClean = 0;
    double worstFaClean = 0;
    String[] seeds = a.getOrDefault("seeds", "1001").split(",");
    double newAccounts = Double.parseDouble(a.getOrDefault("new-accounts", "0.02"));
    double minShift = Double.parseDouble(a.getOrDefault("min-shift", "1.8"));
    double resumes = Double.parseDouble(a.getOrDefault("resumes", "0"));
    String meterReplacements = a.get("meter-replacements");
    System.out.printf("feed=%s enterprises=%d days=%d start=%s rate=%.3f peer-rate=%.3f"
        + " new-accounts=%.3f min-shift=%.2f resumes=%.2f%s%n", feedName, n, days,
        a.getOrDefault("starts", start0.toString()), rate, peerRate, newAccounts, minShift, resumes,
        meterReplacements == null ? "" : " meter-replacements=" + meterReplacements);
    String[] starts = a.containsKey("starts") ? a.get("starts").split(",") : null;
    if (starts != null && starts.length != seeds.length) {
      throw new IllegalArgumentException("--starts needs one date per seed");
    }
    for (int si = 0; si < seeds.length; si++) {
      long seed = Long.parseLong(seeds[si].trim());
      LocalDate start = starts == null ? start0 : LocalDate.parse(starts[si].trim());
      Map<String, Double> rates = new LinkedHashMap<>();
      for (String k : JUDGED) rates.put(k, rate);
      rates.put("PEER_OUTLIER", peerRate);
      rates.put("INTENSITY_MISMATCH", 0.003);
      SimConfig cfg = SimConfig.fuling(n, start, days, seed).withPositiveRates(rates)
          .withChangeRate(0.03).withNewAccounts(newAccounts).withMinShiftFactor(minShift)
          .withResumes(resumes);
      if (meterReplacements != null) {
        cfg = cfg.withDelivery(cfg.gapRate(), cfg.duplicateRate(), cfg.lateRate(),
            cfg.shuffleWindow(), Double.parseDouble(meterReplacements));
      }
      SimulatedDistrict sd = new DistrictSimulator(cfg).simulate();
      List<EnterpriseRecord> ents = sd.enterprises();
      long[] clock = {Long.MIN_VALUE};
      List<Alert> alerts = new ArrayList<>();
      List<String> codes = ents.stream().map(EnterpriseRecord::creditCode).toList();
      java.util.Set<Integer> debug = new java.util.HashSet<>();
      for (String code : System.getProperty("debug", "").split(",")) {
        if (codes.contains(code)) debug.add(codes.indexOf(code));
      }
      DetectionEngine engine = new DetectionEngine(new SimContexts(sd), profiles, org.furnacewatch.calendar.WorkingCalendar.shipped().days(), f -> {
        if (debug.contains(f.enterpriseIdx())) {
          System.out.println("  DEBUG " + codes.get(f.enterpriseIdx()) + " " + f.kind() + " " + f.phase() + " first=" + java.time.Instant.ofEpochSecond(f.firstTs())
              + " last=" + java.time.Instant.ofEpochSecond(f.lastTs()) + " clock=" + java.time.Instant.ofEpochSecond(clock[0])
              + " " + f.features() + " " + f.explanation());
        }
        // every finding, as the alert store takes them: an UPDATED whose OPENED was held back as an echo opens an alert there
        alerts.add(new Alert(f.enterpriseIdx(), f.kind().name(), f.firstTs(), f.lastTs(), clock[0]));
      }, ZoneId.of("Asia/Shanghai"), n, n * 3);
      Map<String, Integer> meterIdx = new HashMap<>();
      // When 90 % of the rows of the first 12 h after each onset had arrived: no detector can judge
      // those hours before (a row or two re-collected days later does not hold a window up).
      Map<Integer, List<TruthEvent>> truthsOf = new HashMap<>();
      Map<TruthEvent, List<Long>> deliveredAt = new HashMap<>();
      {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < ents.size(); i++) at.put(ents.get(i).creditCode(), i);
        for (TruthEvent t : sd.truth()) {
          truthsOf.computeIfAbsent(at.get(t.creditCode()), k -> new ArrayList<>()).add(t);
          deliveredAt.put(t, new ArrayList<>());
        }
      }
      long t0 = System.nanoTime();
      long rows = 0;
      if (inOrder) {
        PowerCompanyFeed.Options none = new PowerCompanyFeed.Options(0, 0, 0, 1);
        List<PowerCompanyFeed.Row> all = new ArrayList<>();
        new PowerCompanyFeed(sd, seed, none).forEachRequest(r -> all.addAll(r.rows()));
        all.sort((x, y) -> Long.compare(x.ts(), y.ts()));
        for (PowerCompanyFeed.Row r : all) {
          clock[0] = r.ts();
          engine.onReading(meterIdx.computeIfAbsent(r.meterId(), k -> meterIdx.size()), r.enterprise(), r.ts(), r.kwh());
        }
        rows = all.size();
      } else {
        long[] count = {0};
        java.util.function.Consumer<PowerCompanyFeed.Request> deliver = req -> {
          clock[0] = req.arrivalTs();
          for (PowerCompanyFeed.Row r : req.rows()) {
            engine.onReading(meterIdx.computeIfAbsent(r.meterId(), k -> meterIdx.size()), r.enterprise(), r.ts(), r.kwh());
            List<TruthEvent> ts = truthsOf.get(r.enterprise());
            if (ts != null) {
              for (TruthEvent t : ts) {
                long on = t.onsetTs().toEpochSecond();
                if (r.ts() > on && r.ts() <= on + 12 * 3600) {
                  deliveredAt.get(t).add(req.arrivalTs());
                }
              }
            }
          }
          engine.flush();
          count[0] += req.rows().size();
        };
        if (wholeSorted) {
          // each upload's requests as one request, its rows in time order: what arrival order within an upload decides
          List<PowerCompanyFeed.Row> upload = new ArrayList<>();
          long[] arrival = {Long.MIN_VALUE};
          Runnable sendUpload = () -> {
            upload.sort((x, y) -> Long.compare(x.ts(), y.ts()));
            if (!upload.isEmpty()) deliver.accept(new PowerCompanyFeed.Request(arrival[0], upload));
            upload.clear();
          };
          new PowerCompanyFeed(sd, seed, feedOptions).forEachRequest(req -> {
            if (req.arrivalTs() != arrival[0]) {
              sendUpload.run();
              arrival[0] = req.arrivalTs();
            }
            upload.addAll(req.rows());
          });
          sendUpload.run();
        } else {
          // between uploads the feed is quiet and the service takes them as whole (DetectionRunner), at the last
          // upload's arrival clock: the quiet comes minutes after it
          new PowerCompanyFeed(sd, seed, feedOptions).forEachRequest(deliver,
              quietBetweenUploads ? engine::uploadsWhole : () -> { });
        }
        rows = count[0];
      }
      engine.advanceTo(sd.dayStart(0).toEpochSecond() + days * 86_400L);
      double secs = (System.nanoTime() - t0) / 1e9;
      Map<String, Integer> idx = new HashMap<>();
      for (int i = 0; i < ents.size(); i++) idx.put(ents.get(i).creditCode(), i);
      // Match: an alert of the truth's kind on its enterprise whose evidence reaches past the onset.
      Map<String, List<TruthEvent>> truthBy = new HashMap<>();
      for (TruthEvent t : sd.truth()) truthBy.computeIfAbsent(t.kind() + "|" + idx.get(t.creditCode()), k -> new ArrayList<>()).add(t);
      int falseAlerts = 0;
      int falseOnClean = 0; // on enterprises that carry no anomaly at all (the rest are of the wrong kind)
      int falseOnNewAccounts = 0; // of them, on clean accounts opened during the period
      Map<String, Integer> faByKind = new LinkedHashMap<>();
      List<String> falseLines = new ArrayList<>();
      // One alert per enterprise and kind, as the alert store keeps them while open (nobody acknowledges here): false
      // when none of its findings meets a truth of its kind.
      Map<String, Alert> alertOf = new LinkedHashMap<>();
      Map<String, Boolean> matched = new HashMap<>();
      for (Alert al : alerts) {
        String key = al.kind() + "|" + al.e();
        alertOf.putIfAbsent(key, al);
        boolean match = false;
        for (TruthEvent t : truthBy.getOrDefault(key, List.of())) {
          if (al.lastTs() >= t.onsetTs().toEpochSecond() && al.firstTs() <= t.endTs().toEpochSecond()) match = true;
        }
        matched.merge(key, match, Boolean::logicalOr);
      }
      for (Map.Entry<String, Alert> en : alertOf.entrySet()) {
        Alert al = en.getValue();
        if (!matched.get(en.getKey())) {
          falseAlerts++;
          faByKind.merge(al.kind(), 1, Integer::sum);
          EnterpriseRecord r = ents.get(al.e());
          String truthKind = sd.truth().stream().filter(t -> t.creditCode().equals(r.creditCode())).map(TruthEvent::kind).findFirst().orElse("-");
          if (truthKind.equals("-")) falseOnClean++;
          if (truthKind.equals("-") && sd.accountOpensOn(r.creditCode()) > 0) falseOnNewAccounts++;
          falseLines.add(String.format("  FA %-18s %s ind=%s status=%s truth=%s first=%s raised=%s", al.kind(), r.creditCode(), r.industry(), r.status(), truthKind,
              java.time.Instant.ofEpochSecond(al.firstTs()), java.time.Instant.ofEpochSecond(al.clock())));
        }
      }
      double entDays = (double) n * days;
      double fa = falseAlerts * 10_000 / entDays;
      double faClean = falseOnClean * 10_000 / entDays;
      System.out.printf("seed %d (from %s): %,d rows in %.1f s (%.0f/s), late %d, rejudged %d; false alerts %d = %.2f per 10k enterprise-days %s, of them on clean enterprises %d = %.2f%n",
          seed, start, rows, secs, rows / secs, engine.lateReadings(), engine.rejudgedReadings(), falseAlerts, fa, faByKind, falseOnClean, faClean);
      long newClean = ents.stream().filter(r -> sd.accountOpensOn(r.creditCode()) > 0
          && sd.truth().stream().noneMatch(t -> t.creditCode().equals(r.creditCode()))).count();
      System.out.printf("  new accounts: %d clean ones opened during the period, %d false alerts on them%n", newClean, falseOnNewAccounts);
      sumFa += fa;
      worstFa = Math.max(worstFa, fa);
      sumFaClean += faClean;
      worstFaClean = Math.max(worstFaClean, faClean);
      for (String kind : KINDS) {
        int truths = 0, within = 0, feedLate = 0, withinOfRest = 0, subTruths = 0, subWithin = 0;
        int withinByEventTime = 0;
        List<Double> ttd = new ArrayList<>();
        for (TruthEvent t : sd.truth()) {
          if (!t.kind().equals(kind)) continue;
          truths++;
          boolean inSubgroup = subgroup(kind) != null && t.detail().startsWith(subgroup(kind));
          if (inSubgroup) subTruths++;
          long onset = t.onsetTs().toEpochSecond();
          boolean late = !inOrder && feedLate(t, deliveredAt.get(t));
          if (late) feedLate++;
          Long best = null;
          long bestEventTime = Long.MAX_VALUE;
          for (Alert al : alerts) {
            if (al.kind().equals(kind) && al.e() == idx.get(t.creditCode()) && al.lastTs() >= onset && al.firstTs() <= t.endTs().toEpochSecond()) {
              long det = Math.max(al.clock(), onset);
              if (best == null || det < best) best = det;
              bestEventTime = Math.min(bestEventTime, al.lastTs()); // (its newest reading)
            }
          }
          if (bestEventTime - onset <= 36 * 3600) withinByEventTime++;
          if (best != null) {
            ttd.add((best - onset) / 3600.0);
            if (best - onset <= 36 * 3600) {
              within++;
              if (inSubgroup) subWithin++;
              if (!late) withinOfRest++;
            }
          } else if (a.containsKey("list")) {
            System.out.println("  MISS " + kind + " " + t.creditCode() + " ind=" + ents.get(idx.get(t.creditCode())).industry() + " onset=" + t.onsetTs() + " " + t.detail());
          }
        }
        if (truths == 0) continue;
        if (kind.equals("FURNACE_SIGNATURE") && subTruths > 0) {
          System.out.printf("  %-18s truths %3d  recall@36h %.3f  (furnaces melting from a new account's first days, counted above too)%n",
              "  of them new acct", subTruths, subWithin / (double) subTruths);
          newAcct[0] += subWithin;
          newAcct[1] += subTruths;
        }
        if (kind.equals("LEVEL_SHIFT") && subTruths > 0) {
          System.out.printf("  %-18s truths %3d  recall@36h %.3f  (suspended sites resuming production, counted above too)%n",
              "  of them resumed", subTruths, subWithin / (double) subTruths);
          resumed[0] += subWithin;
          resumed[1] += subTruths;
        }
        ttd.sort(Double::compare);
        double recall = within / (double) truths;
        double med = ttd.isEmpty() ? Double.NaN : ttd.get(ttd.size() / 2);
        double byEventTime = withinByEventTime / (double) truths;
        double ofTheRest =
            truths == feedLate ? Double.NaN : withinOfRest / (double) (truths - feedLate);
        System.out.printf("  %-18s truths %3d  recall@36h %.3f  found ever %3d  TTD p50 %5.1f h"
            + "  feed-late %d, recall@36h of the rest %.3f  by event time %.3f%n",
            kind, truths, recall, ttd.size(), med, feedLate, ofTheRest, byEventTime);
        eventTime.merge(kind, new double[] {byEventTime, byEventTime, 1},
            (x, y) -> new double[] {x[0] + y[0], Math.min(x[1], y[1]), x[2] + y[2]});
        worst.merge(kind, new double[] {recall, med}, (x, y) -> new double[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
        sum.merge(kind, new double[] {recall, 1}, (x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
      }
      if (a.containsKey("list")) {
        falseLines.forEach(System.out::println);
        for (TruthEvent t : sd.truth()) {
          int e = idx.get(t.creditCode());
          StringBuilder sb = new StringBuilder("  TRUTH " + t.kind() + " " + t.creditCode() + " ind=" + ents.get(e).industry()
              + " onset=" + t.onsetTs() + " |");
          for (Alert al : alertOf.values()) {
            if (al.e() == e) {
              sb.append(' ').append(al.kind()).append(" first=").append(java.time.Instant.ofEpochSecond(al.firstTs()))
                  .append(" at=+").append((al.clock() - t.onsetTs().toEpochSecond()) / 3600).append('h');
            }
          }
          System.out.println(sb + "  (" + t.detail() + ")" + (!inOrder && feedLate(t, deliveredAt.get(t)) ? " feed-late" : ""));
        }
      }
    }
    System.out.printf("%nsummary over %d seeds: false alerts per 10k enterprise-days mean %.2f worst %.2f; on clean enterprises mean %.2f worst %.2f%n",
        seeds.length, sumFa / seeds.length, worstFa, sumFaClean / seeds.length, worstFaClean);
    if (resumed[1] > 0) {
      System.out.printf("  suspended sites resuming production: %d of %d within 36 h%n", resumed[0], resumed[1]);
    }
    if (newAcct[1] > 0) {
      System.out.printf("  furnaces from a new account's first days: %d of %d within 36 h%n", newAcct[0], newAcct[1]);
    }
    for (String kind : worst.keySet()) {
      double[] s = sum.get(kind);
      double[] ev = eventTime.get(kind);
      System.out.printf("  %-18s recall@36h mean %.3f worst %.3f  (worst-seed TTD p50 %.1f h);"
          + " by event time mean %.3f worst %.3f%n",
          kind, s[0] / s[1], worst.get(kind)[0], worst.get(kind)[1], ev[0] / ev[2], ev[1]);
    }
  }

  /** The detail prefix of a kind's truths reported apart (new accounts' furnaces, suspended sites resuming). */
  private static String subgroup(String kind) {
    return switch (kind) {
      case "FURNACE_SIGNATURE" -> "new account";
      case "LEVEL_SHIFT" -> "suspended site";
      default -> null;
    };
  }

  /**
   * Whether less than 90 % of the rows of the first 12 hours after the truth's onset had arrived within 36 hours (a
   * quiet concentrator delivering days late): no detector could judge them in time.
   */
  private static boolean feedLate(TruthEvent t, List<Long> arrived) {
    if (arrived.isEmpty()) {
      return false;
    }
    arrived.sort(Long::compare);
    return arrived.get((int) (0.9 * (arrived.size() - 1))) - t.onsetTs().toEpochSecond() > 36 * 3600;
  }

}
