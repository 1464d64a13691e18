package org.furnacewatch.web.console;

import org.furnacewatch.alert.AlertStore;
import org.furnacewatch.alert.Backtester;
import org.furnacewatch.alert.LabelStore;
import org.furnacewatch.alert.ProfileStore;
import org.furnacewatch.cases.CaseService;
import org.furnacewatch.cases.Reports;
import org.furnacewatch.notify.AlertDelivery;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.ReadingQueries;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The parts the console reads and acts through: the same services and stores that stand behind the JSON API, so
 * the console adds pages, not a second way to reach the data.
 */
public record Console(People people, Sessions sessions, Throttle throttle, Registry registry, AlertStore alerts, CaseService cases,
                      AlertDelivery delivery, LabelStore labels, ProfileStore profiles, Backtester backtests, ReadingQueries queries,
                      org.furnacewatch.cases.Documents documents, Reports reports, Clock clock, ZoneId zone) {}
