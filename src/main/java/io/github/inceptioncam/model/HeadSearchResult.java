package io.github.inceptioncam.model;

import java.util.Collections;
import java.util.List;

/**
 * Outcome of the search for the main classifier output: which graph output holds the scores, which
 * tensor holds the pre-softmax logits, and the CAM head when there is one (or why there is none).
 */
public final class HeadSearchResult {
	private final String output;
	private final String logitsTensor;
	private final boolean softmaxOutput;
	private final CamHead head;
	private final String noCamReason;
	private final List<String> ignoredOutputs;

	public HeadSearchResult(String output, String logitsTensor, boolean softmaxOutput, CamHead head,
			String noCamReason, List<String> ignoredOutputs) {
		this.output = output;
		this.logitsTensor = logitsTensor;
		this.softmaxOutput = softmaxOutput;
		this.head = head;
		this.noCamReason = noCamReason;
		this.ignoredOutputs = Collections.unmodifiableList(ignoredOutputs);
	}

	/** The graph output chosen as the main classifier output. */
	public String output() {
		return output;
	}

	/** The tensor with the pre-softmax scores (equal to {@link #output()} when there is no softmax). */
	public String logitsTensor() {
		return logitsTensor;
	}

	/** Whether {@link #output()} is a softmax of {@link #logitsTensor()}. */
	public boolean softmaxOutput() {
		return softmaxOutput;
	}

	public boolean hasCam() {
		return head != null;
	}

	public CamHead head() {
		return head;
	}

	/** Why no CAM is possible, or null when {@link #hasCam()}. */
	public String noCamReason() {
		return noCamReason;
	}

	/** Other graph outputs, each with why it was not chosen. */
	public List<String> ignoredOutputs() {
		return ignoredOutputs;
	}
}
