package org.furnacewatch.registry;

import java.util.List;

/**
 * A meter's compact key and every enterprise that has ever listed it (usually one). Which of them owns it
 * at a given time follows from their dated versions.
 */
public record MeterInfo(int key, String id, List<String> owners) {}
