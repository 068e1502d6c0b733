package io.github.inceptioncam.inference;

import io.github.inceptioncam.cam.TileAssembly;
import io.github.inceptioncam.cam.TileGrid;

/** What a sliding-window run over one image made: the windows' results and an image-level summary. */
public final class TileResult {
	private final TileAssembly assembly;
	private final Classification summary;
	private final boolean canceled;
	private final String mapNote;

	TileResult(TileAssembly assembly, Classification summary, boolean canceled, String mapNote) {
		this.assembly = assembly;
		this.summary = summary;
		this.canceled = canceled;
		this.mapNote = mapNote;
	}

	public TileGrid grid() {
		return assembly.grid();
	}

	/** Per-window classes and probabilities, and the blended map. */
	public TileAssembly assembly() {
		return assembly;
	}

	/**
	 * The image as a whole: classes ranked by their mean probability over the windows, no single-image
	 * CAM (its {@code camError} says the maps are in the tiles), timings summed over the windows.
	 */
	public Classification summary() {
		return summary;
	}

	/** Whether the run stopped early: windows not reached have class -1 and NaN probabilities. */
	public boolean canceled() {
		return canceled;
	}

	/** Why there is no blended map (the model gives none, or the reason the windows gave), or null. */
	public String mapNote() {
		return mapNote;
	}
}
