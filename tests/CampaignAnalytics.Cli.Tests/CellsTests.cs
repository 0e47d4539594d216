using System;
using System.Globalization;
using CampaignAnalytics.Cli.Output;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>CSV numbers: plain decimals with round-trip precision (the contract), checked against hard-coded text.</summary>
public class CellsTests
{
    [Theory]
    [InlineData(1e-12, "0.000000000001")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1.5e17, "150000000000000000")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(2.5396285894708634E-10, "0.00000000025396285894708634")]
    [InlineData(4.390422129087291E-108, "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004390422129087291")]
    [InlineData(-1.5e-7, "-0.00000015")]
    [InlineData(-42.0, "-42")]
    [InlineData(1.0, "1")]
    [InlineData(0.0, "0")]
    [InlineData(0.020150828135464424, "0.020150828135464424")]
    public void Doubles_are_plain_decimals_that_round_trip(double value, string expected)
    {
        var text = Cells.Text(value);
        Assert.Equal(expected, text);
        Assert.True(IsPlainDecimal(text), text);
        Assert.Equal(value, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Negative_zero_is_written_as_zero()
    {
        // Documented choice (Cells, README): "-0" would only confuse spreadsheets; it parses back to a value equal to -0.0.
        var negativeZero = -0.0;
        Assert.True(double.IsNegative(negativeZero));
        Assert.Equal("0", Cells.Text(negativeZero));
        Assert.True(D(Cells.Text(negativeZero)) == negativeZero);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_doubles_are_empty_cells(double value) => Assert.Equal(string.Empty, Cells.Text(value));

    [Fact]
    public void Extremes_round_trip()
    {
        var max = Cells.Text(double.MaxValue);
        Assert.Equal(309, max.Length);
        Assert.StartsWith("17976931348623157", max, StringComparison.Ordinal);
        Assert.Equal(double.MaxValue, D(max));

        var tiny = Cells.Text(double.Epsilon);
        Assert.Equal("0." + new string('0', 323) + "5", tiny);
        Assert.Equal(double.Epsilon, D(tiny));
    }

    [Fact]
    public void Random_doubles_round_trip_without_an_exponent()
    {
        var random = new Random(20250619);
        var buffer = new byte[8];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(buffer);
            var value = BitConverter.ToDouble(buffer);
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Cells.Text(value);
            Assert.True(IsPlainDecimal(text), text);
            Assert.True(D(text) == value, $"{value:R} was written {text}");
        }
    }

    [Fact]
    public void Null_dates_and_integers_keep_their_text()
    {
        Assert.Equal(string.Empty, Cells.Text(null));
        Assert.Equal("2025-03-01", Cells.Text(new NodaTime.LocalDate(2025, 3, 1)));
        Assert.Equal("-9223372036854775808", Cells.Text(long.MinValue));
    }
}
