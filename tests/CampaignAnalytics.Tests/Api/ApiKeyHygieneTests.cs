using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Api;

/// <summary>The API key stays out of JSON, equality, retry logs and parser errors; the instance list cannot be changed.</summary>
public class ApiKeyHygieneTests
{
    [Fact]
    public void Options_json_leaves_the_key_out()
    {
        var options = new DataSeriesClientOptions(BrazeInstance.US01, Harness.ApiKey);
        Assert.NotNull(typeof(DataSeriesClientOptions).GetProperty(nameof(DataSeriesClientOptions.ApiKey))!
            .GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: false).SingleOrDefault());
        var json = JsonSerializer.Serialize(options);
        Assert.DoesNotContain(Harness.ApiKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiKey", json, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrency", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_equality_and_hash_ignore_the_key()
    {
        var a = new DataSeriesClientOptions(BrazeInstance.US01, "key-a") { MaxConcurrency = 2 };
        var b = new DataSeriesClientOptions(BrazeInstance.US01, "key-b") { MaxConcurrency = 2 };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a == b);
        Assert.Equal("key-a", a.ApiKey);
        Assert.Equal("key-a", (a with { MaxConcurrency = 3 }).ApiKey);

        Assert.NotEqual(a, a with { MaxConcurrency = 3 });
        Assert.NotEqual(a, a with { Instance = BrazeInstance.EU01 });
        Assert.NotEqual(a, a with { ReportZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Berlin"] });
        Assert.NotEqual(a, a with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        Assert.NotEqual(a, a with { RateLimitSlowdownFraction = 0.5 });
        Assert.NotEqual(a, a with { MissingDays = MissingDayPolicy.Omit });
        Assert.False(a.Equals(null));
    }

    [Fact]
    public async Task Retry_log_lines_mask_a_key_echoed_in_an_exception_message()
    {
        var logs = new CapturingLoggerProvider();
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(new Uri("http://127.0.0.1:1/")), Harness.ApiKey)
        {
            MaxRetryAttempts = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        };
        var calls = 0;
        using var handler = new ThrowingHandler(() =>
        {
            Interlocked.Increment(ref calls);
            // As SocketsHttpHandler reports a refused proxy tunnel (an HttpRequestException without a cause is taken
            // for a local failure and not retried).
            return new HttpRequestException(HttpRequestError.ProxyTunnelError, "proxy refused Authorization: Bearer " + Harness.ApiKey);
        });
        using var client = DataSeriesClient.Create(options, loggerFactory: logs, innerHandler: handler);

        var ex = await Assert.ThrowsAsync<BrazeServerException>(() => client.GetDataSeriesAsync("camp-1", 3));

        Assert.Equal(2, calls);
        Assert.DoesNotContain(Harness.ApiKey, ex.Message, StringComparison.Ordinal);
        var retry = Assert.Single(logs.Lines, l => l.Contains("retry 1 of 1", StringComparison.Ordinal));
        Assert.Contains("HttpRequestException: proxy refused Authorization: Bearer ***", retry, StringComparison.Ordinal);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Harness.ApiKey, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_body_echoing_the_key_is_masked_in_the_exception_and_its_inner_exception()
    {
        var scenario = FaultScenarios.Malformed with
        {
            Respond = (_, _) => new FakeResponse(200, "{\"message\":\"success\",\"data\":[{\"time\":\"" + Harness.ApiKey + "\"}]}"),
        };
        var (h, error) = await FaultScenarios.RunAsync(scenario);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesFormatException>(error);
            var inner = Assert.IsType<CampaignJsonException>(ex.InnerException);
            Assert.Contains("***", ex.Message, StringComparison.Ordinal);
            Assert.Contains("***", inner.Message, StringComparison.Ordinal);
            Assert.Contains("campaign_id=camp-1", ex.Message, StringComparison.Ordinal);
            Assert.Equal("$.data[0].time", inner.JsonPath);
            Assert.Equal(inner.ByteOffset, ex.ByteOffset);
            Assert.Equal(inner.Path, ex.Path);
            foreach (var text in new[] { ex.Message, ex.ToString(), inner.Message, inner.Problem }.Concat(h.Logs.Lines))
            {
                Assert.DoesNotContain(Harness.ApiKey, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Format_exception_built_without_a_key_keeps_the_inner_exception()
    {
        var inner = new JsonException("bad");
        var ex = new DataSeriesFormatException("c", "campaign_id=c", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("Braze returned a malformed data series for campaign_id=c: bad", ex.Message);
        Assert.Throws<ArgumentNullException>(() => new DataSeriesFormatException("c", "r", null!));
    }

    [Fact]
    public void Scrubber_masks_every_occurrence_and_ignores_an_empty_key()
    {
        Assert.Equal("a *** b ***", ApiKeyScrubber.Scrub("a k1 b k1", "k1"));
        Assert.Equal("a k1", ApiKeyScrubber.Scrub("a k1", null));
        Assert.Equal("a k1", ApiKeyScrubber.Scrub("a k1", string.Empty));
        var plain = new JsonException("found k1", "$.x", 1, 2);
        var scrubbed = ApiKeyScrubber.Scrub(plain, "k1");
        Assert.Equal("found ***", scrubbed.Message);
        Assert.Equal("$.x", scrubbed.Path);
        Assert.Same(plain, ApiKeyScrubber.Scrub(plain, "other"));
    }

    [Fact]
    public void Instance_list_is_read_only()
    {
        Assert.IsNotType<BrazeInstance[]>(BrazeInstance.All);
        var list = Assert.IsAssignableFrom<IList<BrazeInstance>>(BrazeInstance.All);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list[0] = BrazeInstance.EU01);
        Assert.Equal(15, BrazeInstance.All.Count);
        Assert.Same(BrazeInstance.US01, BrazeInstance.All[0]);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        private readonly Func<Exception> _error;

        public ThrowingHandler(Func<Exception> error) => _error = error;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(_error());
    }
}
