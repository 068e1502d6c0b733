// Inception CAM: classify the current image and put the CAM boxes (named like "mitosis 0.97") into the
// ROI Manager, leaving the CAM overlay itself on the image.
if (nImages == 0) exit("Inception CAM: open an image first");
run("Classify Image...", "model=[] top=3 class=auto device=auto opacity=0.5 colormap=Fire roi");
roiManager("reset");
n = Overlay.size;
for (i = 0; i < n; i++) {
	Overlay.activateSelection(i);
	if (!startsWith(Roi.getName, "CAM ")) roiManager("add");
}
run("Select None");
print("Inception CAM: " + roiManager("count") + " box(es) in the ROI Manager");
