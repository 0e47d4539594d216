using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.SampleData;

/// <summary>
/// The bundled realistic samples: 100 days of a multichannel A/B-tested campaign with a control group
/// (<c>spring-sale</c>) and an onboarding campaign (<c>welcome-series</c>), built deterministically with the
/// generated models and written with their writer, so they are schema-valid by construction.
/// </summary>
/// <remarks>
/// What the samples are built to show: in <c>spring-sale</c> the email variant "Free Shipping" beats "20% Off" and
/// the control group on both unique click rate and conversion rate (a real winner), while the two SMS variants
/// share the same true rates as the control (no significant difference). Volumes follow a weekday pattern and a
/// sale peak; SMS is paused (an empty array) on Sundays, the in-app message is empty during an app release
/// freeze, and content cards are absent in the first week. Top-level day fields are the sums of the elements.
/// </remarks>
public static class SampleCampaigns
{
    /// <summary>The names of the samples; each is written to <c>notebooks/data/{name}.json</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { "spring-sale", "welcome-series" };

    /// <summary>Builds a sample by name (see <see cref="Names"/>).</summary>
    /// <param name="name">The sample name. Invalid: a name not in <see cref="Names"/> (<see cref="ArgumentException"/>).</param>
    public static CampaignDataSeriesResponse Build(string name) => name switch
    {
        "spring-sale" => SampleGenerator.Generate(SpringSale()),
        "welcome-series" => SampleGenerator.Generate(WelcomeSeries()),
        _ => throw new ArgumentException("Unknown sample '" + name + "'; known: " + string.Join(", ", Names) + ".", nameof(name)),
    };

    /// <summary>The bytes of a sample file: the response written by its generated writer, indented with two spaces,
    /// <c>\n</c> line ends on every platform, and a final newline.</summary>
    /// <param name="response">The response to write.</param>
    public static byte[] ToFileBytes(CampaignDataSeriesResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = Serialization.ModelWriting.RelaxedEncoder,
        }))
        {
            response.WriteTo(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static double Weekday(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Monday => 1.00,
        IsoDayOfWeek.Tuesday => 1.12,
        IsoDayOfWeek.Wednesday => 1.08,
        IsoDayOfWeek.Thursday => 1.02,
        IsoDayOfWeek.Friday => 0.93,
        IsoDayOfWeek.Saturday => 0.71,
        _ => 0.78,
    };

    private static CampaignPlan SpringSale()
    {
        var first = new LocalDate(2025, 3, 1);

        // A slow upward trend with a triangular peak around the sale fortnight (days 24..44).
        double Season(int day) => Weekday(first.PlusDays(day)) * (1 + 0.002 * day) * (1 + 0.9 * Math.Max(0, 1 - Math.Abs(day - 34) / 10.0));

        static ChannelState Always(int day, LocalDate date) => ChannelState.Present;

        var pushA = new ArmPlan("Push - Flash Sale", 0.052, 0.0100, new[] { ("notif_button_1_Shop_Now_click", 0.011) });
        var pushB = new ArmPlan("Push - Last Chance", 0.058, 0.0108, new[] { ("notif_button_1_Shop_Now_click", 0.012), ("notif_button_2_Remind_Me_Later_click", 0.004) });
        var pushControl = new ArmPlan("Control Group", 0, 0.0090);

        return new CampaignPlan("spring-sale", 20250301, first, 100, Season, new[]
        {
            new ChannelPlan(SampleChannel.Email, 18_000,
                new[] { new ArmPlan("Subject - 20% Off", 0.030, 0.020), new ArmPlan("Subject - Free Shipping", 0.036, 0.026) },
                new ArmPlan("Control Group", 0, 0.015), Always),
            new ChannelPlan(SampleChannel.IosPush, 9_000, new[] { pushA, pushB }, pushControl, Always),
            new ChannelPlan(SampleChannel.AndroidPush, 7_000, new[] { pushA, pushB }, pushControl, Always),
            new ChannelPlan(SampleChannel.Sms, 1_500,
                new[] { new ArmPlan("SMS - Short Link", 0.080, 0.015), new ArmPlan("SMS - Emoji", 0.080, 0.015) },
                new ArmPlan("Control Group", 0, 0.015),
                (day, date) => date.DayOfWeek == IsoDayOfWeek.Sunday ? ChannelState.Empty : ChannelState.Present),
            new ChannelPlan(SampleChannel.InAppMessage, 5_000,
                new[] { new ArmPlan("Banner - Countdown", 0.120, 0.020), new ArmPlan("Banner - Static", 0.100, 0.020) },
                null,
                (day, date) => day is >= 60 and <= 62 ? ChannelState.Empty : ChannelState.Present),
            new ChannelPlan(SampleChannel.ContentCards, 4_000,
                new[] { new ArmPlan("Card - Spring Picks", 0.080, 0.010) },
                null,
                (day, date) => day < 7 ? ChannelState.Absent : ChannelState.Present),
            new ChannelPlan(SampleChannel.Webhook, 800,
                new[] { new ArmPlan("Webhook - CRM Sync", 0, 0) },
                null, Always),
        });
    }

    private static CampaignPlan WelcomeSeries()
    {
        var first = new LocalDate(2025, 3, 1);

        // Sign-ups grow steadily; no promotion.
        double Season(int day) => Weekday(first.PlusDays(day)) * (1 + 0.004 * day);

        static ChannelState Always(int day, LocalDate date) => ChannelState.Present;

        return new CampaignPlan("welcome-series", 20250302, first, 100, Season, new[]
        {
            new ChannelPlan(SampleChannel.Email, 2_400,
                new[] { new ArmPlan("Welcome - Founder Letter", 0.060, 0.050), new ArmPlan("Welcome - Product Tour", 0.064, 0.052), new ArmPlan("Welcome - Discount Code", 0.070, 0.061) },
                new ArmPlan("Control Group", 0, 0.040), Always),
            new ChannelPlan(SampleChannel.IosPush, 900,
                new[] { new ArmPlan("Push - Finish Profile", 0.080, 0.030, new[] { ("notif_button_1_Complete_click", 0.02) }) },
                null,
                (day, date) => day % 15 == 14 ? ChannelState.Empty : ChannelState.Present),
            new ChannelPlan(SampleChannel.InAppMessage, 1_800,
                new[] { new ArmPlan("Modal - Checklist", 0.150, 0.040), new ArmPlan("Modal - Video", 0.140, 0.040) },
                null, Always),
            new ChannelPlan(SampleChannel.Webhook, 2_000,
                new[] { new ArmPlan("Webhook - Welcome Pack", 0, 0) },
                null, Always),
        });
    }
}
