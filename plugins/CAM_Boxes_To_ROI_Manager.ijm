// Inception CAM: classify the current image and put the CAM boxes (named like "mitosis 0.97") into the
// ROI Manager, leaving the CAM overlay, outlines and legends on the image. The boxes are told apart by
// their "InceptionCAM" property (overlay, box, outline, legend), which ImageJ's TIFF keeps, so this also
// works on an annotated TIFF saved earlier (re-running replaces its CAM overlay and box).
if (nImages == 0) exit("Inception CAM: open an image first");
run("Classify Image...", "model=[] top=3 class=auto device=auto opacity=0.5 colormap=Fire roi");
roiManager("reset");
n = Overlay.size;
for (i = 0; i < n; i++) {
	Overlay.activateSelection(i);
	if (Roi.getProperty("InceptionCAM") == "box") roiManager("add");
}
run("Select None");
print("Inception CAM: " + roiManager("count") + " box(es) in the ROI Manager");
