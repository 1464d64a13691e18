/**
 * District simulator for Furnace Watch: deterministic (seeded), pure Java, no network, and independent of the
 * service's ingest/store/detection code (kinds and statuses are plain CONTRACT.md strings).
 *
 * <h2>Producing a district</h2>
 * <pre>{@code
 * SimConfig cfg = SimConfig.fuling(2000, LocalDate.of(2025, 1, 13), 60, 42);   // 500102 涪陵区, parent 500000
 * SimulatedDistrict sd = new DistrictSimulator(cfg).simulate();
 * SimJson.putBody(sd.district());                 // PUT /api/v1/districts/500102
 * for (EnterpriseRecord r : sd.enterprises())     // PUT r.path() with SimJson.putBody(r)
 * for (RegistryChange c : sd.changes())           // later PUTs carrying effectiveFrom
 * Iterator<String> bodies = ReadingWriter.bodies(sd.readings(), ReadingWriter.Format.NDJSON, 10_000);
 * sd.truth();  sd.truthCsv();                     // kind,creditCode,onsetTs,endTs,detail
 * sd.declaredOutput();                            // monthly tonnes for INTENSITY_MISMATCH checks
 * }</pre>
 * Readings are generated lazily, one day at a time ({@link org.furnacewatch.sim.SimulatedDistrict#dayBatches()}),
 * so 2,000 enterprises x 60 days (about 14.5 M readings with multi-meter sites) stream in a few seconds.
 * {@link org.furnacewatch.sim.SimulateCommand} writes a whole district to a directory.
 *
 * <p>The legal steel plant shape is real data: UCI ML Repository dataset 851 "Steel Industry Energy Consumption"
 * (DAEWOO Steel Co. Ltd, Gwangyang; V E Sathishkumar et al.; CC BY 4.0), see {@code sim/CREDITS.md}.
 */
package org.furnacewatch.sim;
