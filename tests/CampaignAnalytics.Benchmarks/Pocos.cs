using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignAnalytics.Benchmarks;

// Hand-written equivalents of the generated models for the System.Text.Json baselines: the same fields,
// snake_case names, long?/double?/string?/List<T>, and extension data for whatever the schema does not
// name (dynamic button and carousel fields, unknown channels), so both sides keep everything they read.
// The date is a DateOnly? so System.Text.Json parses it as the generated reader parses its LocalDate.

public sealed class ResponsePoco
{
    [JsonPropertyName("message")] public string? Message { get; set; }

    [JsonPropertyName("data")] public List<DayPoco>? Data { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class DayPoco
{
    [JsonPropertyName("time")] public DateOnly? Time { get; set; }

    [JsonPropertyName("messages")] public MessagesPoco? Messages { get; set; }

    [JsonPropertyName("conversions")] public long? Conversions { get; set; }

    [JsonPropertyName("conversions1")] public long? Conversions1 { get; set; }

    [JsonPropertyName("conversions2")] public long? Conversions2 { get; set; }

    [JsonPropertyName("conversions3")] public long? Conversions3 { get; set; }

    [JsonPropertyName("conversions_by_send_time")] public long? ConversionsBySendTime { get; set; }

    [JsonPropertyName("conversions1_by_send_time")] public long? Conversions1BySendTime { get; set; }

    [JsonPropertyName("conversions2_by_send_time")] public long? Conversions2BySendTime { get; set; }

    [JsonPropertyName("conversions3_by_send_time")] public long? Conversions3BySendTime { get; set; }

    [JsonPropertyName("unique_recipients")] public long? UniqueRecipients { get; set; }

    [JsonPropertyName("revenue")] public double? Revenue { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class MessagesPoco
{
    [JsonPropertyName("ios_push")] public List<PushPoco>? IosPush { get; set; }

    [JsonPropertyName("android_push")] public List<PushPoco>? AndroidPush { get; set; }

    [JsonPropertyName("kindle_push")] public List<PushPoco>? KindlePush { get; set; }

    [JsonPropertyName("web_push")] public List<PushPoco>? WebPush { get; set; }

    [JsonPropertyName("webhook")] public List<WebhookPoco>? Webhook { get; set; }

    [JsonPropertyName("email")] public List<EmailPoco>? Email { get; set; }

    [JsonPropertyName("sms")] public List<SmsPoco>? Sms { get; set; }

    [JsonPropertyName("whats_app")] public List<WhatsAppPoco>? WhatsApp { get; set; }

    [JsonPropertyName("content_cards")] public List<ContentCardPoco>? ContentCards { get; set; }

    [JsonPropertyName("in_app_message")] public List<InAppMessagePoco>? InAppMessage { get; set; }

    [JsonPropertyName("trigger_in_app_message")] public List<InAppMessagePoco>? TriggerInAppMessage { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public abstract class VariationPoco
{
    [JsonPropertyName("variation_api_id")] public string? VariationApiId { get; set; }

    [JsonPropertyName("variation_name")] public string? VariationName { get; set; }

    [JsonPropertyName("revenue")] public double? Revenue { get; set; }

    [JsonPropertyName("unique_recipients")] public long? UniqueRecipients { get; set; }

    [JsonPropertyName("conversions")] public long? Conversions { get; set; }

    [JsonPropertyName("conversions1")] public long? Conversions1 { get; set; }

    [JsonPropertyName("conversions2")] public long? Conversions2 { get; set; }

    [JsonPropertyName("conversions3")] public long? Conversions3 { get; set; }

    [JsonPropertyName("conversions_by_send_time")] public long? ConversionsBySendTime { get; set; }

    [JsonPropertyName("conversions1_by_send_time")] public long? Conversions1BySendTime { get; set; }

    [JsonPropertyName("conversions2_by_send_time")] public long? Conversions2BySendTime { get; set; }

    [JsonPropertyName("conversions3_by_send_time")] public long? Conversions3BySendTime { get; set; }

    [JsonPropertyName("enrolled")] public long? Enrolled { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PushPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("direct_opens")] public long? DirectOpens { get; set; }

    [JsonPropertyName("total_opens")] public long? TotalOpens { get; set; }

    [JsonPropertyName("bounces")] public long? Bounces { get; set; }

    [JsonPropertyName("body_clicks")] public long? BodyClicks { get; set; }

    [JsonPropertyName("delivered")] public long? Delivered { get; set; }

    [JsonPropertyName("undelivered")] public long? Undelivered { get; set; }

    [JsonPropertyName("delivery_failed")] public long? DeliveryFailed { get; set; }
}

public sealed class WebhookPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("errors")] public long? Errors { get; set; }
}

public sealed class EmailPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("opens")] public long? Opens { get; set; }

    [JsonPropertyName("unique_opens")] public long? UniqueOpens { get; set; }

    [JsonPropertyName("clicks")] public long? Clicks { get; set; }

    [JsonPropertyName("unique_clicks")] public long? UniqueClicks { get; set; }

    [JsonPropertyName("unsubscribes")] public long? Unsubscribes { get; set; }

    [JsonPropertyName("bounces")] public long? Bounces { get; set; }

    [JsonPropertyName("delivered")] public long? Delivered { get; set; }

    [JsonPropertyName("reported_spam")] public long? ReportedSpam { get; set; }

    [JsonPropertyName("machine_open")] public long? MachineOpen { get; set; }

    [JsonPropertyName("machine_amp_open")] public long? MachineAmpOpen { get; set; }
}

public sealed class SmsPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("sent_to_carrier")] public long? SentToCarrier { get; set; }

    [JsonPropertyName("delivered")] public long? Delivered { get; set; }

    [JsonPropertyName("rejected")] public long? Rejected { get; set; }

    [JsonPropertyName("delivery_failed")] public long? DeliveryFailed { get; set; }

    [JsonPropertyName("clicks")] public long? Clicks { get; set; }

    [JsonPropertyName("opt_out")] public long? OptOut { get; set; }

    [JsonPropertyName("help")] public long? Help { get; set; }
}

public sealed class WhatsAppPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("delivered")] public long? Delivered { get; set; }

    [JsonPropertyName("failed")] public long? Failed { get; set; }

    [JsonPropertyName("read")] public long? Read { get; set; }
}

public sealed class ContentCardPoco : VariationPoco
{
    [JsonPropertyName("sent")] public long? Sent { get; set; }

    [JsonPropertyName("total_clicks")] public long? TotalClicks { get; set; }

    [JsonPropertyName("total_dismissals")] public long? TotalDismissals { get; set; }

    [JsonPropertyName("total_impressions")] public long? TotalImpressions { get; set; }

    [JsonPropertyName("unique_clicks")] public long? UniqueClicks { get; set; }

    [JsonPropertyName("unique_dismissals")] public long? UniqueDismissals { get; set; }

    [JsonPropertyName("unique_impressions")] public long? UniqueImpressions { get; set; }
}

public sealed class InAppMessagePoco : VariationPoco
{
    [JsonPropertyName("impressions")] public long? Impressions { get; set; }

    [JsonPropertyName("clicks")] public long? Clicks { get; set; }

    [JsonPropertyName("first_button_clicks")] public long? FirstButtonClicks { get; set; }

    [JsonPropertyName("second_button_clicks")] public long? SecondButtonClicks { get; set; }
}

/// <summary>System.Text.Json source generation over the same classes (fast-path metadata, no reflection).</summary>
[JsonSerializable(typeof(ResponsePoco))]
public sealed partial class PocoJsonContext : JsonSerializerContext
{
}
