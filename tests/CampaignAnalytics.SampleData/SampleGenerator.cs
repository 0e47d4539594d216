using System;
using System.Collections.Generic;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.SampleData;

/// <summary>Turns a <see cref="CampaignPlan"/> into a response of the generated models, drawing every count from one seeded source.</summary>
internal static class SampleGenerator
{
    private const double AverageOrderValue = 42.0;

    public static CampaignDataSeriesResponse Generate(CampaignPlan plan)
    {
        var draws = new Draws(plan.Seed);

        // Variation API ids are drawn first, one per channel and arm, so they do not depend on the day loop.
        var ids = new Dictionary<(SampleChannel, ArmPlan), string>();
        foreach (var channel in plan.Channels)
        {
            foreach (var arm in channel.Variations)
            {
                ids[(channel.Channel, arm)] = draws.ApiId();
            }

            if (channel.Control is { } control)
            {
                ids[(channel.Channel, control)] = draws.ApiId();
            }
        }

        var days = new List<DailyDataPoint>(plan.Days);
        for (var d = 0; d < plan.Days; d++)
        {
            var date = plan.FirstDay.PlusDays(d);
            var season = plan.Season(d);
            var lists = new Dictionary<SampleChannel, List<IVariation>?>();
            foreach (var channel in plan.Channels)
            {
                var state = channel.State(d, date);
                if (state == ChannelState.Absent)
                {
                    continue;
                }

                var elements = new List<IVariation>();
                lists[channel.Channel] = elements;
                if (state == ChannelState.Empty)
                {
                    continue;
                }

                var audience = (long)Math.Round(draws.Jitter(channel.Audience * season, 0.04), MidpointRounding.AwayFromZero);
                var arms = new List<ArmPlan>(channel.Variations);
                if (channel.Control is { } control)
                {
                    arms.Add(control);
                }

                // An even split, drawn as a multinomial through successive binomials.
                var remaining = audience;
                for (var i = 0; i < arms.Count; i++)
                {
                    var n = i == arms.Count - 1 ? remaining : draws.Binomial(remaining, 1.0 / (arms.Count - i));
                    remaining -= n;
                    var arm = arms[i];
                    var id = ids[(channel.Channel, arm)];
                    elements.Add(ReferenceEquals(arm, channel.Control)
                        ? Control(channel.Channel, draws, id, arm, n)
                        : Variation(channel.Channel, draws, id, arm, n));
                }
            }

            days.Add(Day(date, lists));
        }

        return new CampaignDataSeriesResponse { Message = "success", Data = days };
    }

    private static DailyDataPoint Day(NodaTime.LocalDate date, Dictionary<SampleChannel, List<IVariation>?> lists)
    {
        IReadOnlyList<T>? Of<T>(SampleChannel channel)
            where T : IVariation =>
            lists.TryGetValue(channel, out var list) && list is not null ? list.ConvertAll(v => (T)v) : null;

        var messages = new ChannelMessages
        {
            IosPush = Of<PushVariation>(SampleChannel.IosPush),
            AndroidPush = Of<PushVariation>(SampleChannel.AndroidPush),
            Webhook = Of<WebhookVariation>(SampleChannel.Webhook),
            Email = Of<EmailVariation>(SampleChannel.Email),
            Sms = Of<SmsVariation>(SampleChannel.Sms),
            ContentCards = Of<ContentCardVariation>(SampleChannel.ContentCards),
            InAppMessage = Of<InAppMessageVariation>(SampleChannel.InAppMessage),
        };

        // The campaign's day totals are the sums over every element of every channel, read through the catalogue.
        long conversions = 0, conversions1 = 0, bySendTime = 0, recipients = 0;
        double revenue = 0;
        var day = new DailyDataPoint { Time = date, Messages = messages };
        foreach (var channel in CampaignDataSeriesCatalogue.Instance.Channels)
        {
            foreach (var element in channel.GetVariations(day))
            {
                conversions += channel.FindMetric("conversions")!.GetCount(element) ?? 0;
                conversions1 += channel.FindMetric("conversions1")!.GetCount(element) ?? 0;
                bySendTime += channel.FindMetric("conversions_by_send_time")!.GetCount(element) ?? 0;
                recipients += channel.FindMetric("unique_recipients")!.GetCount(element) ?? 0;
                revenue += channel.FindMetric("revenue")!.GetValue(element) ?? 0;
            }
        }

        return day with
        {
            Conversions = conversions,
            Conversions1 = conversions1,
            ConversionsBySendTime = bySendTime,
            UniqueRecipients = recipients,
            Revenue = Math.Round(revenue, 2, MidpointRounding.AwayFromZero),
        };
    }

    private static double Money(Draws draws, long orders) =>
        orders == 0 ? 0 : Math.Round(orders * draws.Jitter(AverageOrderValue, 0.08), 2, MidpointRounding.AwayFromZero);

    private static IVariation Control(SampleChannel channel, Draws draws, string id, ArmPlan arm, long enrolled)
    {
        var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, enrolled, arm.Conversion);
        return channel switch
        {
            SampleChannel.Email => new EmailVariation { VariationApiId = id, VariationName = arm.Name, Enrolled = enrolled, UniqueRecipients = enrolled, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue },
            SampleChannel.IosPush or SampleChannel.AndroidPush => new PushVariation { VariationApiId = id, VariationName = arm.Name, Enrolled = enrolled, UniqueRecipients = enrolled, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue },
            SampleChannel.Sms => new SmsVariation { VariationApiId = id, VariationName = arm.Name, Enrolled = enrolled, UniqueRecipients = enrolled, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue },
            _ => throw new NotSupportedException("No control group in " + channel + "."),
        };
    }

    private static IVariation Variation(SampleChannel channel, Draws draws, string id, ArmPlan arm, long n)
    {
        switch (channel)
        {
            case SampleChannel.Email:
            {
                var bounces = draws.Binomial(n, 0.012);
                var delivered = n - bounces;
                var uniqueOpens = draws.Binomial(delivered, 0.24);
                var opens = uniqueOpens + draws.Binomial(uniqueOpens, 0.4);
                var machineOpen = draws.Binomial(delivered, 0.15);
                var uniqueClicks = draws.Binomial(uniqueOpens, Math.Min(1, arm.Engagement / 0.24));
                var clicks = uniqueClicks + draws.Binomial(uniqueClicks, 0.3);
                var unsubscribes = draws.Binomial(delivered, 0.0025);
                var spam = draws.Binomial(delivered, 0.0002);
                var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, n, arm.Conversion);
                return new EmailVariation
                {
                    VariationApiId = id, VariationName = arm.Name,
                    Sent = n, Opens = opens, UniqueOpens = uniqueOpens, Clicks = clicks, UniqueClicks = uniqueClicks,
                    Unsubscribes = unsubscribes, Bounces = bounces, Delivered = delivered, ReportedSpam = spam, MachineOpen = machineOpen,
                    UniqueRecipients = n, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue,
                };
            }

            case SampleChannel.IosPush:
            case SampleChannel.AndroidPush:
            {
                var android = channel == SampleChannel.AndroidPush;
                var bounces = draws.Binomial(n, 0.03);
                var failed = android ? draws.Binomial(n - bounces, 0.004) : 0;
                var deliveries = n - bounces - failed;
                var directOpens = draws.Binomial(deliveries, arm.Engagement);
                var totalOpens = directOpens + draws.Binomial(deliveries, 0.02);
                var bodyClicks = draws.Binomial(directOpens, 0.85);
                Dictionary<string, long>? buttons = null;
                if (arm.Buttons is { Count: > 0 })
                {
                    buttons = new Dictionary<string, long>(StringComparer.Ordinal);
                    foreach (var (key, rate) in arm.Buttons)
                    {
                        buttons[key] = draws.Binomial(deliveries, rate);
                    }
                }

                var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, n, arm.Conversion);
                return new PushVariation
                {
                    VariationApiId = id, VariationName = arm.Name,
                    Sent = n, DirectOpens = directOpens, TotalOpens = totalOpens, Bounces = bounces, BodyClicks = bodyClicks,
                    Delivered = android ? deliveries : null,
                    Undelivered = android ? bounces + failed : null,
                    DeliveryFailed = android ? failed : null,
                    NotificationButtonClicks = buttons,
                    UniqueRecipients = n, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue,
                };
            }

            case SampleChannel.Sms:
            {
                var toCarrier = n - draws.Binomial(n, 0.002);
                var rejected = draws.Binomial(toCarrier, 0.01);
                var failed = draws.Binomial(toCarrier - rejected, 0.015);
                var delivered = toCarrier - rejected - failed;
                var clicks = draws.Binomial(delivered, arm.Engagement);
                var optOut = draws.Binomial(delivered, 0.004);
                var help = draws.Binomial(delivered, 0.0005);
                var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, n, arm.Conversion);
                return new SmsVariation
                {
                    VariationApiId = id, VariationName = arm.Name,
                    Sent = n, SentToCarrier = toCarrier, Delivered = delivered, Rejected = rejected, DeliveryFailed = failed,
                    Clicks = clicks, OptOut = optOut, Help = help,
                    UniqueRecipients = n, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue,
                };
            }

            case SampleChannel.InAppMessage:
            {
                var clicks = draws.Binomial(n, arm.Engagement);
                var first = draws.Binomial(clicks, 0.6);
                var second = draws.Binomial(clicks - first, 0.5);
                var recipients = n - draws.Binomial(n, 0.05);
                var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, n, arm.Conversion);
                return new InAppMessageVariation
                {
                    VariationApiId = id, VariationName = arm.Name,
                    Impressions = n, Clicks = clicks, FirstButtonClicks = first, SecondButtonClicks = second,
                    UniqueRecipients = recipients, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue,
                };
            }

            case SampleChannel.ContentCards:
            {
                var uniqueImpressions = draws.Binomial(n, 0.45);
                var totalImpressions = uniqueImpressions + draws.Binomial(uniqueImpressions, 0.6);
                var uniqueClicks = draws.Binomial(uniqueImpressions, arm.Engagement);
                var totalClicks = uniqueClicks + draws.Binomial(uniqueClicks, 0.2);
                var uniqueDismissals = draws.Binomial(uniqueImpressions - uniqueClicks, 0.2);
                var totalDismissals = uniqueDismissals + draws.Binomial(uniqueDismissals, 0.1);
                var (conversions, bySendTime, conversions1, revenue) = Conversions(draws, n, arm.Conversion);
                return new ContentCardVariation
                {
                    VariationApiId = id, VariationName = arm.Name,
                    Sent = n, UniqueImpressions = uniqueImpressions, TotalImpressions = totalImpressions,
                    UniqueClicks = uniqueClicks, TotalClicks = totalClicks, UniqueDismissals = uniqueDismissals, TotalDismissals = totalDismissals,
                    UniqueRecipients = n, Conversions = conversions, ConversionsBySendTime = bySendTime, Conversions1 = conversions1, Revenue = revenue,
                };
            }

            case SampleChannel.Webhook:
                return new WebhookVariation { VariationApiId = id, VariationName = arm.Name, Sent = n, Errors = draws.Binomial(n, 0.004) };

            default:
                throw new NotSupportedException(channel.ToString());
        }
    }

    private static (long Conversions, long BySendTime, long Conversions1, double Revenue) Conversions(Draws draws, long n, double rate)
    {
        var conversions = draws.Binomial(n, rate);

        // By send time: most conversions fall on the send day; some move to or from neighbouring days.
        var bySendTime = conversions - draws.Binomial(conversions, 0.15) + draws.Binomial(n, rate * 0.15);
        var conversions1 = draws.Binomial(n, rate * 0.35);
        return (conversions, bySendTime, conversions1, Money(draws, conversions));
    }
}
