"""GoogLeNet-style network for the built-in Inception CAM demo model.

Follows the seed documents: a plain conv/pool stem, Inception modules with dimension reduction
(1x1 | 1x1->3x3 | 1x1->3x3->3x3, the v2 factorisation of 5x5 | 3x3 max-pool->1x1 projection,
concatenated), max-pool grid reductions between stages, an auxiliary classifier on an intermediate
module during training only (not exported), then global average pooling -> dropout -> one linear
layer. Batch norm after every convolution. One input channel; the last feature map is at stride 8,
so a 256x256 field gives a 32x32 CAM.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout, k, stride=1):
        super().__init__(
            nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
        )


class Inception(nn.Module):
    """1x1 | 1x1->3x3 | 1x1->3x3->3x3 | maxpool 3x3 -> 1x1, concatenated on channels."""

    def __init__(self, cin, c1, c3r, c3, c5r, c5, cp):
        super().__init__()
        self.b1 = ConvBN(cin, c1, 1)
        self.b2 = nn.Sequential(ConvBN(cin, c3r, 1), ConvBN(c3r, c3, 3))
        self.b3 = nn.Sequential(ConvBN(cin, c5r, 1), ConvBN(c5r, c5, 3), ConvBN(c5, c5, 3))
        self.b4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), ConvBN(cin, cp, 1))
        self.out_channels = c1 + c3 + c5 + cp

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], 1)


class AuxHead(nn.Module):
    """Auxiliary classifier (training only): avg-pool -> 1x1 conv -> GAP -> linear."""

    def __init__(self, cin, classes):
        super().__init__()
        self.conv = ConvBN(cin, 32, 1)
        self.fc = nn.Linear(32, classes)

    def forward(self, x):
        x = F.avg_pool2d(x, 5, stride=3)
        x = self.conv(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


class MiniInception(nn.Module):
    """Stem (stride 4) -> Inception 3a, 3b at stride 4 -> max-pool -> Inception 4a, 4b at stride 8
    -> GAP -> dropout -> linear. Auxiliary head on 3b while training."""

    def __init__(self, classes=4, in_channels=1):
        super().__init__()
        self.stem = nn.Sequential(
            ConvBN(in_channels, 16, 3, stride=2),
            nn.MaxPool2d(3, stride=2, padding=1),
            ConvBN(16, 16, 1),
            ConvBN(16, 32, 3),
        )
        self.inc3a = Inception(32, 16, 16, 24, 4, 8, 8)       # -> 56 @ stride 4
        self.inc3b = Inception(56, 24, 24, 32, 8, 16, 16)     # -> 88 @ stride 4
        self.pool3 = nn.MaxPool2d(3, stride=2, padding=1)
        self.inc4a = Inception(88, 32, 32, 48, 8, 16, 16)     # -> 112 @ stride 8
        self.inc4b = Inception(112, 40, 40, 56, 8, 16, 16)    # -> 128 @ stride 8
        self.aux = AuxHead(88, classes)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(self.inc4b.out_channels, classes)

    def features(self, x):
        x = self.stem(x)
        x = self.inc3a(x)
        x3b = self.inc3b(x)
        return self.inc4b(self.inc4a(self.pool3(x3b))), x3b

    def forward(self, x):
        f, x3b = self.features(x)
        logits = self.fc(self.dropout(torch.flatten(F.adaptive_avg_pool2d(f, 1), 1)))
        if self.training:
            return logits, self.aux(x3b)
        return logits

