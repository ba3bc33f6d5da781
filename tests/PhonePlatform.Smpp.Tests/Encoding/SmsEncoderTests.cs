using System.Text;
using PhonePlatform.Smpp.Internal.Gsm;

namespace PhonePlatform.Smpp.Tests.Encoding;

public sealed class SmsEncoderTests
{
    [Fact]
    public void Plan_EmptyText_OneGsmSegmentWithFullRoom()
    {
        Assert.Equal(new SmsPlan(SmsEncoding.Gsm7, 1, 0, 160), SmsEncoder.Plan(string.Empty));
    }

    [Theory]
    [InlineData(160, 1, 0)]
    [InlineData(161, 2, 145)]
    [InlineData(306, 2, 0)]
    [InlineData(307, 3, 152)]
    public void Plan_GsmText_CountsSegmentsOf153AfterTheFirst160(int length, int segments, int remaining)
    {
        var plan = SmsEncoder.Plan(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, plan.Encoding);
        Assert.Equal(segments, plan.Segments);
        Assert.Equal(remaining, plan.RemainingInLastSegment);
    }

    [Fact]
    public void Plan_ExtensionCharacters_CountTwoSeptets()
    {
        Assert.Equal(new SmsPlan(SmsEncoding.Gsm7, 1, 160, 0), SmsEncoder.Plan(new string('€', 80)));
        Assert.Equal(new SmsPlan(SmsEncoding.Gsm7, 2, 162, 153 - 10), SmsEncoder.Plan(new string('€', 81)));
    }

    [Theory]
    [InlineData(70, 1, 0)]
    [InlineData(71, 2, 63)]
    [InlineData(134, 2, 0)]
    [InlineData(135, 3, 66)]
    public void Plan_NonGsmText_UsesUcs2With67UnitsPerPart(int length, int segments, int remaining)
    {
        var plan = SmsEncoder.Plan(new string('Ж', length));

        Assert.Equal(SmsEncoding.Ucs2, plan.Encoding);
        Assert.Equal(segments, plan.Segments);
        Assert.Equal(remaining, plan.RemainingInLastSegment);
    }

    [Fact]
    public void Plan_OneNonGsmCharacter_SwitchesTheWholeTextToUcs2()
    {
        Assert.Equal(SmsEncoding.Ucs2, SmsEncoder.Plan(new string('a', 50) + "ç").Encoding);
    }

    [Fact]
    public void Encode_ShortGsmText_OneSeptetPerOctetWithoutHeader()
    {
        var segment = Assert.Single(SmsEncoder.Encode("Hello @£$ €[", 1));

        Assert.False(segment.HasUserDataHeader);
        Assert.Equal(0x00, segment.DataCoding);
        Assert.Equal(
            new byte[] { 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0x00, 0x01, 0x02, 0x20, 0x1B, 0x65, 0x1B, 0x3C },
            segment.ShortMessage.ToArray());
    }

    [Fact]
    public void Encode_LongGsmText_PrefixesConcatenationHeader()
    {
        var segments = SmsEncoder.Encode(new string('x', 200), 0x7A);

        Assert.Equal(2, segments.Count);
        Assert.Equal(new byte[] { 0x05, 0x00, 0x03, 0x7A, 0x02, 0x01 }, segments[0].ShortMessage[..6].ToArray());
        Assert.Equal(new byte[] { 0x05, 0x00, 0x03, 0x7A, 0x02, 0x02 }, segments[1].ShortMessage[..6].ToArray());
        Assert.Equal(6 + 153, segments[0].ShortMessage.Length);
        Assert.Equal(6 + 47, segments[1].ShortMessage.Length);
        Assert.All(segments, s => Assert.True(s.HasUserDataHeader));
    }

    [Fact]
    public void Encode_EscapeSequenceAtTheBoundary_MovesWholeToNextSegment()
    {
        var text = new string('a', 152) + "€" + new string('b', 10);

        var segments = SmsEncoder.Encode(text, 1);

        Assert.Equal(2, segments.Count);
        Assert.Equal(6 + 152, segments[0].ShortMessage.Length);
        Assert.Equal(new byte[] { 0x1B, 0x65, 0x62 }, segments[1].ShortMessage[6..9].ToArray());
        Assert.Equal(6 + 12, segments[1].ShortMessage.Length);
        Assert.Equal(SmsEncoder.Plan(text).Segments, segments.Count);
    }

    [Fact]
    public void Encode_SurrogatePairAtTheBoundary_MovesWholeToNextSegment()
    {
        var text = new string('Ж', 66) + "😀" + new string('Ж', 5);

        var segments = SmsEncoder.Encode(text, 9);

        Assert.Equal(2, segments.Count);
        Assert.Equal(0x08, segments[0].DataCoding);
        Assert.Equal(6 + (66 * 2), segments[0].ShortMessage.Length);
        Assert.Equal("😀ЖЖЖЖЖ", System.Text.Encoding.BigEndianUnicode.GetString(segments[1].ShortMessage[6..].Span));
        Assert.Equal(SmsEncoder.Plan(text).Segments, segments.Count);
    }

    [Fact]
    public void Encode_Ucs2Text_IsUtf16BigEndian()
    {
        var segment = Assert.Single(SmsEncoder.Encode("Жç😀", 1));

        Assert.Equal(new byte[] { 0x04, 0x16, 0x00, 0xE7, 0xD8, 0x3D, 0xDE, 0x00 }, segment.ShortMessage.ToArray());
    }

    [Fact]
    public void Encode_PackedGsm_MatchesTheClassicVector()
    {
        // 3GPP TS 23.038 §6.1.2.1.1 packing; "hellohello" is the customary worked example.
        var segment = Assert.Single(SmsEncoder.Encode("hellohello", 1, Gsm7Packing.Packed));

        Assert.Equal(Convert.FromHexString("E8329BFD4697D9EC37"), segment.ShortMessage.ToArray());
    }

    [Fact]
    public void Encode_PackedLongText_UsesOneFillBitAfterTheHeaderAndRoundTrips()
    {
        var text = string.Concat(Enumerable.Repeat("Packed {text} with €uro ", 10));

        var segments = SmsEncoder.Encode(text, 3, Gsm7Packing.Packed);

        Assert.All(segments, s => Assert.True(s.ShortMessage.Length <= 140));
        var decoded = string.Concat(segments.Select(s => SmsEncoder.Decode(s.ShortMessage.Span, 0x00, true, Gsm7Packing.Packed)));
        Assert.StartsWith(text, decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_MoreThan255Segments_Throws()
    {
        Assert.Throws<ArgumentException>(() => SmsEncoder.Encode(new string('a', 153 * 256), 1));
    }

    [Fact]
    public void Decode_EverySegmentOfALongMixedText_GivesTheTextBack()
    {
        var text = string.Concat(Enumerable.Repeat("Grüße {aus} [Köln] ~ 10€ | ^\\ ", 12));

        var segments = SmsEncoder.Encode(text, 5);

        Assert.Equal(SmsEncoding.Gsm7, SmsEncoder.Plan(text).Encoding);
        Assert.Equal(text, string.Concat(segments.Select(s => SmsEncoder.Decode(s.ShortMessage.Span, s.DataCoding, s.HasUserDataHeader))));
    }

    [Fact]
    public void Decode_HostileUserDataHeaderLength_DoesNotThrow()
    {
        Assert.Equal(string.Empty, SmsEncoder.Decode(new byte[] { 0xFF, 0x00 }, 0x00, true));
        Assert.Equal(string.Empty, SmsEncoder.Decode(new byte[] { 0x05 }, 0x08, true));
        Assert.Equal("A", SmsEncoder.Decode(new byte[] { 0x00, 0x41, 0x00 }, 0x08, false));
    }
}
