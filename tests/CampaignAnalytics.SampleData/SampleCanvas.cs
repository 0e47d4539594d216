using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.SampleData;

/// <summary>
/// The bundled Canvas sample (notebooks/data/canvas-onboarding.json and canvas-onboarding-details.json), seeded: 60 days of
/// an onboarding journey with three variants (two arms and a control that receives nothing) and six steps over email, iOS
/// push and in-app messages, with an experiment path splitting the reminder between email and in-app.
/// </summary>
public static class SampleCanvas
{
    /// <summary>The series file's name (without extension).</summary>
    public const string SeriesName = "canvas-onboarding";

    /// <summary>The details file's name (without extension).</summary>
    public const string DetailsName = "canvas-onboarding-details";

    private const int Seed = 20261206;
    private const int Days = 60;
    private static readonly LocalDate FirstDay = new(2026, 9, 1);

    private static readonly (string Id, string Name, double Share, double Conversion)[] Variants =
    {
        ("7d0a1c52-0001-4b6e-9a41-5f3c2e9b1a01", "Variant A: email first", 0.45, 0.052),
        ("7d0a1c52-0002-4b6e-9a41-5f3c2e9b1a02", "Variant B: push first", 0.45, 0.047),
        ("7d0a1c52-0003-4b6e-9a41-5f3c2e9b1a03", "Control", 0.10, 0.031),
    };

    private static readonly (string Id, string Name, string Type, string? Channel)[] Steps =
    {
        ("c1e5f7a0-0001-4d2c-8e3b-7a9f0b6c2d01", "Welcome email", "message", "email"),
        ("c1e5f7a0-0002-4d2c-8e3b-7a9f0b6c2d02", "Welcome push", "message", "ios_push"),
        ("c1e5f7a0-0003-4d2c-8e3b-7a9f0b6c2d03", "Reminder experiment", "experiment_paths", null),
        ("c1e5f7a0-0004-4d2c-8e3b-7a9f0b6c2d04", "Reminder email", "message", "email"),
        ("c1e5f7a0-0005-4d2c-8e3b-7a9f0b6c2d05", "Reminder in-app", "message", "in_app_message"),
        ("c1e5f7a0-0006-4d2c-8e3b-7a9f0b6c2d06", "Last chance push", "message", "ios_push"),
    };

    /// <summary>The Canvas's daily series, as <c>/canvas/data_series</c> answers with both breakdowns.</summary>
    public static CanvasDataSeriesResponse BuildSeries()
    {
        var draws = new Draws(Seed);
        var stats = new List<CanvasDailyStats>(Days);
        for (var d = 0; d < Days; d++)
        {
            var date = FirstDay.PlusDays(d);
            var weekday = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0.7 : 1.0;
            var entrants = (long)Math.Round(draws.Jitter(900 * weekday, 0.12));
            var variantStats = new Dictionary<string, CanvasVariantStats>(StringComparer.Ordinal);
            var entries = new long[Variants.Length];
            for (var v = 0; v < Variants.Length; v++)
            {
                var (id, name, share, conversion) = Variants[v];
                entries[v] = draws.Binomial(entrants, share);
                var conversions = draws.Binomial(entries[v], conversion);
                variantStats[id] = new CanvasVariantStats
                {
                    Name = name,
                    Revenue = Math.Round(conversions * draws.Jitter(38, 0.2), 2),
                    Conversions = conversions,
                    ConversionsByEntryTime = draws.Binomial(conversions, 0.9),
                    Entries = entries[v],
                };
            }

            var total = new CanvasTotalStats
            {
                Revenue = Math.Round(variantStats.Values.Sum(s => s.Revenue!.Value), 2),
                Conversions = variantStats.Values.Sum(s => s.Conversions!.Value),
                ConversionsByEntryTime = variantStats.Values.Sum(s => s.ConversionsByEntryTime!.Value),
                Entries = variantStats.Values.Sum(s => s.Entries!.Value),
            };

            // Who reaches each step: A starts by email, B by push; both reach the experiment, which splits 50/50
            // between the reminder email and the in-app reminder; everyone left gets the last-chance push.
            var reminder = (long)Math.Round((entries[0] + entries[1]) * 0.8);
            var viaEmail = draws.Binomial(reminder, 0.5);
            var reach = new long[] { entries[0], entries[1], reminder, viaEmail, reminder - viaEmail, (long)Math.Round(reminder * 0.6) };
            var stepStats = new Dictionary<string, CanvasStepStats>(StringComparer.Ordinal);
            for (var s = 0; s < Steps.Length; s++)
            {
                var (id, name, _, channel) = Steps[s];
                var conversions = channel is null ? 0 : draws.Binomial(reach[s], 0.012);
                stepStats[id] = new CanvasStepStats
                {
                    Name = name,
                    Revenue = Math.Round(conversions * draws.Jitter(38, 0.2), 2),
                    Conversions = conversions,
                    ConversionsByEntryTime = conversions,
                    UniqueRecipients = channel is null ? null : reach[s],
                    Messages = channel is null ? null : Messages(draws, channel, reach[s]),
                };
            }

            stats.Add(new CanvasDailyStats { Time = date, TotalStats = total, VariantStats = variantStats, StepStats = stepStats });
        }

        return new CanvasDataSeriesResponse { Message = "success", Data = new CanvasDataSeries { Name = "Onboarding journey", Stats = stats } };
    }

    /// <summary>The Canvas's details, as <c>/canvas/details</c> answers: variants with their first steps, steps with their links.</summary>
    public static CanvasDetailsResponse BuildDetails()
    {
        string[] Next(int s) => s switch
        {
            0 or 1 => new[] { Steps[2].Id },
            2 => new[] { Steps[3].Id, Steps[4].Id },
            3 or 4 => new[] { Steps[5].Id },
            _ => Array.Empty<string>(),
        };

        return new CanvasDetailsResponse
        {
            Message = "success",
            Name = "Onboarding journey",
            Description = "New sign-ups: welcome, an experiment on the reminder's channel, a last-chance push.",
            CreatedAt = "2026-08-25T10:00:00+00:00",
            UpdatedAt = "2026-08-31T16:30:00+00:00",
            Archived = false,
            Draft = false,
            Enabled = true,
            ScheduleType = "action_based",
            FirstEntry = "2026-09-01T00:04:11+00:00",
            LastEntry = "2026-10-30T23:58:40+00:00",
            Channels = new[] { "email", "ios_push", "in_app_message" },
            Tags = new[] { "onboarding" },
            Variants = new[]
            {
                new CanvasVariant { Name = Variants[0].Name, Id = Variants[0].Id, FirstStepIds = new[] { Steps[0].Id } },
                new CanvasVariant { Name = Variants[1].Name, Id = Variants[1].Id, FirstStepIds = new[] { Steps[1].Id } },
                new CanvasVariant { Name = Variants[2].Name, Id = Variants[2].Id, FirstStepIds = Array.Empty<string>() },
            },
            Steps = Steps.Select((step, s) => new CanvasStep
            {
                Name = step.Name,
                Type = step.Type,
                Id = step.Id,
                NextStepIds = Next(s),
                NextPaths = s == 2
                    ? new[] { new CanvasNextPath { Name = "Path 1: email", NextStepId = Steps[3].Id }, new CanvasNextPath { Name = "Path 2: in-app", NextStepId = Steps[4].Id } }
                    : Array.Empty<CanvasNextPath>(),
                Channels = step.Channel is null ? Array.Empty<string>() : new[] { step.Channel },
                Messages = step.Channel is null
                    ? new Dictionary<string, MessageVariation>()
                    : new Dictionary<string, MessageVariation> { [step.Id.Replace("c1e5f7a0", "a9b8c7d6", StringComparison.Ordinal)] = new MessageVariation { Channel = step.Channel, Name = step.Name } },
            }).ToArray(),
        };
    }

    /// <summary>The bytes of a sample file, written as <see cref="SampleCampaigns.ToFileBytes"/> writes the campaign samples.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="model">The response.</param>
    public static byte[] ToFileBytes<T>(T model)
        where T : class, Serialization.IGeneratedModel<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = Serialization.ModelWriting.RelaxedEncoder }))
        {
            model.WriteTo(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static ChannelMessages Messages(Draws draws, string channel, long recipients)
    {
        switch (channel)
        {
            case "email":
                var delivered = draws.Binomial(recipients, 0.97);
                var uniqueOpens = draws.Binomial(delivered, 0.38);
                var uniqueClicks = draws.Binomial(uniqueOpens, 0.22);
                return new ChannelMessages
                {
                    Email = new[]
                    {
                        new EmailVariation
                        {
                            Sent = recipients, Delivered = delivered, Bounces = recipients - delivered,
                            Opens = uniqueOpens + draws.Binomial(uniqueOpens, 0.3), UniqueOpens = uniqueOpens,
                            Clicks = uniqueClicks + draws.Binomial(uniqueClicks, 0.25), UniqueClicks = uniqueClicks,
                            Unsubscribes = draws.Binomial(delivered, 0.003), ReportedSpam = draws.Binomial(delivered, 0.0005),
                        },
                    },
                };
            case "ios_push":
                var pushDelivered = draws.Binomial(recipients, 0.93);
                var directOpens = draws.Binomial(pushDelivered, 0.06);
                return new ChannelMessages
                {
                    IosPush = new[]
                    {
                        new PushVariation
                        {
                            Sent = recipients, Delivered = pushDelivered, Bounces = recipients - pushDelivered,
                            DirectOpens = directOpens, TotalOpens = directOpens + draws.Binomial(pushDelivered, 0.04), BodyClicks = directOpens,
                        },
                    },
                };
            default:
                var impressions = draws.Binomial(recipients, 0.7);
                var clicks = draws.Binomial(impressions, 0.15);
                return new ChannelMessages
                {
                    InAppMessage = new[]
                    {
                        new InAppMessageVariation
                        {
                            Impressions = impressions, Clicks = clicks,
                            FirstButtonClicks = draws.Binomial(clicks, 0.7), SecondButtonClicks = draws.Binomial(clicks, 0.1),
                        },
                    },
                };
        }
    }
}
