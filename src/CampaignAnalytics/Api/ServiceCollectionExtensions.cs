using System;
using System.Net.Http;
using CampaignAnalytics.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CampaignAnalytics.Api;

/// <summary>Registers <see cref="DataSeriesClient"/> with <c>IHttpClientFactory</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the factory builds for <see cref="DataSeriesClient"/>.</summary>
    public const string HttpClientName = "CampaignAnalytics.DataSeries";

    /// <summary>
    /// Registers <see cref="DataSeriesClient"/> and <see cref="IDataSeriesSource"/> (transient) over a named HTTP
    /// client whose pipeline holds the rate-limit and retry handler (<see cref="DataSeriesClient.CreateResilienceHandler"/>;
    /// the rate-limit state is shared by all clients of the container). Uses a registered <see cref="TimeProvider"/>,
    /// <see cref="ILoggerFactory"/> and <c>IProgress&lt;FetchWait&gt;</c> when there are. The primary handler follows at most
    /// <see cref="DataSeriesClient.MaxRedirects"/> redirects. Returns the HTTP client builder for further handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Instance, key and limits.</param>
    /// <param name="catalogue">Parses responses and builds merged ones; the generated <c>CampaignDataSeriesCatalogue</c> by default.</param>
    public static IHttpClientBuilder AddCampaignAnalyticsClient(this IServiceCollection services, DataSeriesClientOptions options, ChannelCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return services.AddCampaignAnalyticsClient(_ => options, catalogue);
    }

    /// <summary>
    /// Registers <see cref="DataSeriesClient"/> and <see cref="IDataSeriesSource"/> with options built from the
    /// container (e.g. from configuration), once, on first use. See the other overload.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Builds the options from the container.</param>
    /// <param name="catalogue">Parses responses and builds merged ones; the generated <c>CampaignDataSeriesCatalogue</c> by default.</param>
    public static IHttpClientBuilder AddCampaignAnalyticsClient(this IServiceCollection services, Func<IServiceProvider, DataSeriesClientOptions> options, ChannelCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        services.TryAddSingleton(sp =>
        {
            var o = options(sp) ?? throw new InvalidOperationException("The options factory of AddCampaignAnalyticsClient returned null.");
            o.Validate();
            return new Registration(o, new RateLimitGates());
        });

        var builder = services
            .AddHttpClient(HttpClientName, http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(DataSeriesClient.CreatePrimaryHandler)
            .AddHttpMessageHandler(sp =>
            {
                var r = sp.GetRequiredService<Registration>();
                return new BrazeResilienceHandler(
                    r.Options, r.Gate, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger<DataSeriesClient>(), sp.GetService<IProgress<FetchWait>>());
            });

        services.TryAddTransient(sp => new DataSeriesClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<Registration>().Options,
            catalogue,
            sp.GetService<ILoggerFactory>()?.CreateLogger<DataSeriesClient>()));
        services.TryAddTransient<IDataSeriesSource>(sp => sp.GetRequiredService<DataSeriesClient>());
        return builder;
    }

    internal sealed record Registration(DataSeriesClientOptions Options, RateLimitGates Gate);
}
