using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Api;

/// <summary>The portfolio endpoints: <c>/campaigns/list</c> (discovery) and <c>/campaigns/details</c> (names and meaning).</summary>
public partial class DataSeriesClient<TResponse, TDay>
{
    /// <summary>Campaigns per page of <c>/campaigns/list</c>: paging ends at the first page with fewer.</summary>
    public const int CampaignListPageSize = 100;

    /// <summary>
    /// Every campaign of the workspace, page after page of <c>GET /campaigns/list</c> (in creation order), as an async
    /// stream: a page is requested when the previous one has been consumed, and paging ends at the first page with fewer
    /// than <see cref="CampaignListPageSize"/> campaigns. Requests go through the shared rate-limit bucket's gate. A page
    /// with Braze's error envelope (<c>message</c> other than <c>success</c>) fails with
    /// <see cref="BrazeErrorResponseException"/>, as the data series does.
    /// </summary>
    /// <param name="includeArchived">Also list archived campaigns (<c>include_archived=true</c>).</param>
    /// <param name="editedAfter">Only campaigns edited after this instant (<c>last_edit.time[gt]</c>); null for all. Braze's
    /// caution: campaigns keep sending without being edited, so a sync must not refresh only these.</param>
    /// <param name="cancellationToken">Cancels the request in flight.</param>
    public async IAsyncEnumerable<CampaignListItem> ListCampaignsAsync(
        bool includeArchived = false, DateTimeOffset? editedAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 0; ; page++)
        {
            var query = new StringBuilder("campaigns/list?page=").Append(page.ToString(CultureInfo.InvariantCulture));
            if (includeArchived)
            {
                query.Append("&include_archived=true");
            }

            if (editedAfter is { } after)
            {
                query.Append("&last_edit.time%5Bgt%5D=").Append(Uri.EscapeDataString(after.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture)));
            }

            var description = string.Create(CultureInfo.InvariantCulture, $"campaigns/list page={page}");
            var response = await GetModelAsync<CampaignListResponse>(query.ToString(), description, r => r.Message, cancellationToken).ConfigureAwait(false);
            var campaigns = response.Campaigns ?? Array.Empty<CampaignListItem>();
            foreach (var campaign in campaigns)
            {
                yield return campaign;
            }

            if (campaigns.Count < CampaignListPageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// A campaign's details (<c>GET /campaigns/details</c>): name, tags, first and last send, message variations keyed by
    /// the data series' <c>variation_api_id</c> (the control group's has <c>"type": "control"</c>:
    /// <see cref="Models.CampaignDetails.ControlVariationId"/>), and the conversion behaviours in order
    /// (<see cref="Models.CampaignDetails.ConversionEvents"/>). Braze's error envelope fails with <see cref="BrazeErrorResponseException"/>.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier (checked like the data series').</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<CampaignDetailsResponse> GetCampaignDetailsAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        DataSeriesClient.ValidateCampaignId(campaignId, nameof(campaignId));
        return GetModelAsync<CampaignDetailsResponse>(
            "campaigns/details?campaign_id=" + Uri.EscapeDataString(campaignId), "campaigns/details campaign_id=" + campaignId, r => r.Message, cancellationToken);
    }

    /// <summary>A GET of a model endpoint: the body parsed with the generated reader, Braze's error envelope refused.</summary>
    private async Task<TModel> GetModelAsync<TModel>(string relativeUri, string description, Func<TModel, string?> status, CancellationToken cancellationToken)
        where TModel : class, IGeneratedModel<TModel>
    {
        var body = await GetJsonAsync(relativeUri, description, cancellationToken).ConfigureAwait(false);
        TModel model;
        try
        {
            model = ModelReading.Parse<TModel>(body);
        }
        catch (JsonException ex)
        {
            var error = new DataSeriesFormatException(description, description, ex, _options.ApiKey, DataSeriesClient.BodyOf(relativeUri));
            DataSeriesClient.LogFailed(_logger, description, error.Message);
            throw error;
        }

        var message = status(model);
        if (!string.Equals(message, _catalogue.SuccessStatus, StringComparison.Ordinal))
        {
            var (brazeMessage, errors, _) = ReadErrorBody(body);
            var problem = message is null ? "no \"message\"" : $"Braze said: \"{ApiKeyScrubber.ScrubAndCut(message, _options.ApiKey, ResponseEnvelope.MaxQuotedMessage)}\"";
            var error = new BrazeErrorResponseException(
                $"Braze answered for {description} with an error instead of data: {problem}.{ErrorsText(errors)}",
                System.Net.HttpStatusCode.OK,
                brazeMessage,
                errors,
                description,
                isRefusal: true);
            DataSeriesClient.LogFailed(_logger, description, error.Message);
            throw error;
        }

        return model;
    }
}
